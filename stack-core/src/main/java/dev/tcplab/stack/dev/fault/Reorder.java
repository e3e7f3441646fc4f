package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/**
 * netem {@code delay d [j] reorder p% [c%] gap N}, as netem_enqueue does it: a counter counts
 * frames delayed since the last one sent early. While fewer than N - 1 frames have been delayed,
 * the frame is delayed by {@code delay}; from then on each frame is, with probability p, sent at
 * once (no extra delay; the counter restarts at 0), otherwise delayed (counter + 1).
 * So with p = 100% and gap N exactly every N-th frame (N, 2N, ...) overtakes the delayed ones;
 * with gap 1 (iproute2's default when no gap is given) every frame goes early with probability p.
 * Owns its delay because netem reorders only relative to one.
 */
public final class Reorder implements Fault {
    private final Delay delay;
    private final double probability;
    private final CorrelatedBernoulli random;
    private final int gap;
    private int counter;

    public Reorder(Delay delay, double probability, double correlation, int gap) {
        if (delay == null) {
            throw new IllegalArgumentException("reorder needs a delay (netem: reordering not possible without specifying some delay)");
        }
        if (gap < 1) {
            throw new IllegalArgumentException("reorder gap must be at least 1, got " + gap);
        }
        this.delay = delay;
        this.probability = Notation.probability("reorder", probability);
        this.random = new CorrelatedBernoulli(correlation);
        this.gap = gap;
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        // same short-circuit order as netem: the draw happens only outside the gap
        if (counter < gap - 1 || !random.next(rng, probability)) {
            delay.apply(fate, rng);
            counter++;
        } else {
            counter = 0;
            // FrameFate has no note-only verdict: a zero delay carries the note
            fate.delay(0, "reorder: sent early (gap " + gap + ")");
        }
    }

    @Override
    public String toString() {
        return delay + " reorder " + Notation.percent(probability)
                + (random.rho() > 0 ? " " + Notation.percent(random.rho()) : "") + " gap " + gap;
    }
}
