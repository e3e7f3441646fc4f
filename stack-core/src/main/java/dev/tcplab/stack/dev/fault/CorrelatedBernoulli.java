package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.sim.Rng;

/**
 * A yes/no draw with probability p and correlation c to the previous verdict: with probability c
 * the frame shares the previous frame's verdict, otherwise it gets a fresh draw. The long-run
 * rate stays p and P(yes | previous yes) = c + (1 - c) p.
 *
 * <p>Deliberately not netem's get_crandom (next = (1 - c) U + c last, compared with p): averaging
 * uniform draws squeezes them towards 1/2, so netem's {@code loss 20% 75%} loses about 0.1% of
 * frames, not 20% (a known netem pitfall). A lab asking for 20% should get 20%.
 */
final class CorrelatedBernoulli {
    private final double rho;
    private boolean last;
    private boolean started;

    CorrelatedBernoulli(double rho) {
        this.rho = Notation.probability("correlation", rho);
    }

    double rho() {
        return rho;
    }

    boolean next(Rng rng, double p) {
        if (rho > 0 && started && rng.nextDouble() < rho) {
            return last;
        }
        last = rng.nextDouble() < p;
        started = true;
        return last;
    }
}
