package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/** A partition: every frame entering while {@code from <= now < to} (virtual nanos) is dropped. */
public final class LinkDown implements Fault {
    private final long from;
    private final long to;

    public LinkDown(long fromNanos, long toNanos) {
        Notation.nonNegative("link down start", fromNanos);
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("link down ends (" + toNanos + "ns) before it starts (" + fromNanos + "ns)");
        }
        this.from = fromNanos;
        this.to = toNanos;
    }

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    public boolean isDown(long now) {
        return from <= now && now < to;
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        if (isDown(fate.now())) {
            fate.drop(toString());
        }
    }

    @Override
    public String toString() {
        return "link down " + Notation.seconds(from) + "–" + Notation.seconds(to);
    }
}
