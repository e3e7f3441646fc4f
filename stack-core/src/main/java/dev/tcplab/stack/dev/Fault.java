package dev.tcplab.stack.dev;

import dev.tcplab.stack.sim.Rng;

/**
 * A fault on one direction of a link (like a netem qdisc or an iptables rule), applied to each
 * frame entering it. Faults wrap the link, not the stack: the stack cannot tell.
 */
@FunctionalInterface
public interface Fault {
    void apply(FrameFate fate, Rng rng);
}
