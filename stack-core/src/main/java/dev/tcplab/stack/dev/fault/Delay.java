package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/**
 * netem {@code delay d [j [distribution normal]]}: every frame waits d plus a jitter drawn per
 * frame, on top of the link's own delay. Uniform jitter lies in [d - j, d + j) (netem's tabledist
 * without a table); normal jitter has mean d and standard deviation j. A negative total is
 * clamped to 0 (netem would send it at once). Frames are scheduled independently, so jitter
 * reorders them, as netem's time-sorted tfifo does when no rate is set.
 */
public final class Delay implements Fault {
    /** The shape of the jitter. */
    public enum Distribution { UNIFORM, NORMAL }

    private final long delay;
    private final long jitter;
    private final Distribution distribution;

    public Delay(long delayNanos, long jitterNanos, Distribution distribution) {
        this.delay = Notation.nonNegative("delay", delayNanos);
        this.jitter = Notation.nonNegative("jitter", jitterNanos);
        if (distribution == null) {
            throw new IllegalArgumentException("delay distribution must not be null");
        }
        this.distribution = distribution;
    }

    public Delay(long delayNanos, long jitterNanos) {
        this(delayNanos, jitterNanos, Distribution.UNIFORM);
    }

    public Delay(long delayNanos) {
        this(delayNanos, 0, Distribution.UNIFORM);
    }

    /** One draw: the extra delay for the next frame. */
    public long sample(Rng rng) {
        if (jitter == 0) {
            return delay;
        }
        double offset = switch (distribution) {
            case UNIFORM -> (rng.nextDouble() * 2 - 1) * jitter;
            case NORMAL -> gaussian(rng) * jitter;
        };
        return Math.max(0, delay + Math.round(offset));
    }

    // Box-Muller; Rng exposes only uniform draws. Always two draws, so streams stay aligned.
    private static double gaussian(Rng rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log stays finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        long d = sample(rng);
        fate.delay(d, "delay +" + Notation.millis(d));
    }

    @Override
    public String toString() {
        String s = "delay " + Notation.millis(delay);
        if (jitter > 0) {
            s += " " + Notation.millis(jitter);
            if (distribution != Distribution.UNIFORM) {
                s += " distribution " + distribution.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return s;
    }
}
