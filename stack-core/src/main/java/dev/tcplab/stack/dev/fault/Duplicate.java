package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/** netem {@code duplicate p% [c%]}: with probability p the frame arrives twice (same bytes, same time). */
public final class Duplicate implements Fault {
    private final double probability;
    private final CorrelatedBernoulli random;

    public Duplicate(double probability) {
        this(probability, 0);
    }

    public Duplicate(double probability, double correlation) {
        this.probability = Notation.probability("duplicate", probability);
        this.random = new CorrelatedBernoulli(correlation);
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        if (random.next(rng, probability)) {
            fate.duplicate("duplicate");
        }
    }

    @Override
    public String toString() {
        return "duplicate " + Notation.percent(probability)
                + (random.rho() > 0 ? " " + Notation.percent(random.rho()) : "");
    }
}
