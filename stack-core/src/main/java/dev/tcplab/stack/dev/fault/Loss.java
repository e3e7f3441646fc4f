package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/** netem {@code loss p% [c%]}: each frame is lost with probability p (optionally correlated to the previous verdict, see {@link CorrelatedBernoulli}). */
public final class Loss implements Fault {
    private final double probability;
    private final CorrelatedBernoulli random;

    public Loss(double probability) {
        this(probability, 0);
    }

    public Loss(double probability, double correlation) {
        this.probability = Notation.probability("loss", probability);
        this.random = new CorrelatedBernoulli(correlation);
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        if (random.next(rng, probability)) {
            fate.drop("loss");
        }
    }

    @Override
    public String toString() {
        return "loss " + Notation.percent(probability)
                + (random.rho() > 0 ? " " + Notation.percent(random.rho()) : "");
    }
}
