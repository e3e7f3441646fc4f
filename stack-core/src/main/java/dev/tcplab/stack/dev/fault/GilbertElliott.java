package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/**
 * netem {@code loss gemodel p [r [1-h [1-k]]]}: a two-state Markov chain, Good and Bad.
 * <ul>
 *   <li>{@code p}: probability of moving Good → Bad after a frame;</li>
 *   <li>{@code r}: probability of moving Bad → Good after a frame (netem default 1 - p);</li>
 *   <li>{@code 1-h}: loss probability in Bad (default 1: every frame in Bad is lost);</li>
 *   <li>{@code 1-k}: loss probability in Good (default 0).</li>
 * </ul>
 * Each frame is judged in the current state, then the state moves (as loss_gilb_ell does:
 * it decides inside the case of the old state). Stays in Bad are geometric with mean 1/r, so
 * with the defaults loss bursts average 1/r frames and the long-run loss rate is p / (p + r).
 * Unlike netem, the loss and the transition use two independent draws.
 * Starts in Good.
 */
public final class GilbertElliott implements Fault {
    private final double p;
    private final double r;
    private final double lossInBad;
    private final double lossInGood;
    private boolean bad;

    public GilbertElliott(double p, double r, double lossInBad, double lossInGood) {
        this.p = Notation.probability("gemodel p", p);
        this.r = Notation.probability("gemodel r", r);
        this.lossInBad = Notation.probability("gemodel 1-h", lossInBad);
        this.lossInGood = Notation.probability("gemodel 1-k", lossInGood);
    }

    /** Simple Gilbert: lose everything in Bad, nothing in Good. */
    public GilbertElliott(double p, double r) {
        this(p, r, 1, 0);
    }

    /** True while in the Bad state (after the last frame's transition). */
    public boolean inBadState() {
        return bad;
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        boolean wasBad = bad;
        boolean lost = rng.nextDouble() < (wasBad ? lossInBad : lossInGood);
        double move = rng.nextDouble();
        bad = wasBad ? !(move < r) : move < p;
        if (lost) {
            fate.drop(wasBad ? "gilbert-elliott: bad state" : "gilbert-elliott: good state");
        }
    }

    @Override
    public String toString() {
        return "loss gemodel " + Notation.percent(p) + " " + Notation.percent(r) + " "
                + Notation.percent(lossInBad) + " " + Notation.percent(lossInGood);
    }
}
