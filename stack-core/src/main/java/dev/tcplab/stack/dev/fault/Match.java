package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A targeted rule, like an iptables rule with a counter: frames matching a predicate are counted
 * (1, 2, 3, ... per rule, only frames that reach it: an earlier fault's drop hides a frame), a
 * selector picks which matches the action hits, and the note names them
 * ("drop SYN-ACK #1 (first 2)"). The builder methods return a fresh rule with its count at 0.
 * Actions that edit TCP (corrupt checksum, rewrite) only consider TCP frames.
 */
public final class Match implements Fault {
    private final Matcher predicate;
    private final Action action;
    private final Selector selector;
    private long matched;

    Match(Predicate<? super DecodedFrame> predicate, Action action, Selector selector) {
        if (predicate == null || action == null) {
            throw new IllegalArgumentException("a rule needs a predicate and an action");
        }
        this.predicate = Matcher.of(predicate);
        this.action = action;
        this.selector = selector;
    }

    /** Only the n-th matching frame (1-based). */
    public Match nth(long n) {
        return new Match(predicate, action, Selector.nth(n));
    }

    /** The first n matching frames. */
    public Match first(long n) {
        return new Match(predicate, action, Selector.first(n));
    }

    /** Every matching frame (the default). */
    public Match every() {
        return new Match(predicate, action, Selector.EVERY);
    }

    /** Each matching frame independently with probability p. */
    public Match withProbability(double p) {
        return new Match(predicate, action, Selector.probability(p));
    }

    /** The same rule under another name in notes. */
    public Match named(String name) {
        return new Match(predicate.named(name), action, selector);
    }

    /** How many frames matched so far. */
    public long matched() {
        return matched;
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        DecodedFrame frame = fate.decoded();
        if (action.needsTcp() && frame.tcp() == null) {
            return;
        }
        boolean hit;
        try {
            hit = predicate.test(frame);
        } catch (RuntimeException e) {
            throw new IllegalStateException("rule '" + this + "' failed on frame " + frame.summary()
                    + " (" + e + "); guard non-TCP frames, e.g. Matchers.tcp().and(...)", e);
        }
        if (!hit) {
            return;
        }
        matched++;
        if (selector.selects(matched, rng)) {
            action.perform(fate, frame, predicate.name() + " #" + matched + " (" + selector + ")");
        }
    }

    @Override
    public String toString() {
        return action.verb() + " " + predicate.name() + " (" + selector + ")";
    }

    /** Which matches (counted from 1) the action hits. */
    record Selector(Kind kind, long n, double p) {
        enum Kind { EVERY, NTH, FIRST, PROBABILITY }

        static final Selector EVERY = new Selector(Kind.EVERY, 0, 1);

        static Selector nth(long n) {
            return new Selector(Kind.NTH, positive(n), 1);
        }

        static Selector first(long n) {
            return new Selector(Kind.FIRST, positive(n), 1);
        }

        static Selector probability(double p) {
            return new Selector(Kind.PROBABILITY, 0, Notation.probability("match probability", p));
        }

        private static long positive(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("match count must be at least 1, got " + n);
            }
            return n;
        }

        boolean selects(long count, Rng rng) {
            return switch (kind) {
                case EVERY -> true;
                case NTH -> count == n;
                case FIRST -> count <= n;
                case PROBABILITY -> rng.nextDouble() < p;
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case EVERY -> "every";
                case NTH -> Notation.ordinal(n);
                case FIRST -> "first " + n;
                case PROBABILITY -> "p=" + Notation.percent(p);
            };
        }
    }

    /** What a rule does to a selected frame; {@code what} names the frame ("SYN-ACK #1 (first 2)"). */
    interface Action {
        String verb();

        default boolean needsTcp() {
            return false;
        }

        void perform(FrameFate fate, DecodedFrame frame, String what);
    }

    static final Action DROP = new Action() {
        public String verb() {
            return "drop";
        }

        public void perform(FrameFate fate, DecodedFrame frame, String what) {
            fate.drop("drop " + what);
        }
    };

    static final Action DUPLICATE = new Action() {
        public String verb() {
            return "duplicate";
        }

        public void perform(FrameFate fate, DecodedFrame frame, String what) {
            fate.duplicate("duplicate " + what);
        }
    };

    static Action delay(long nanos) {
        Notation.nonNegative("rule delay", nanos);
        return new Action() {
            public String verb() {
                return "delay +" + Notation.millis(nanos);
            }

            public void perform(FrameFate fate, DecodedFrame frame, String what) {
                fate.delay(nanos, "delay " + what + " +" + Notation.millis(nanos));
            }
        };
    }

    /** Flips the low byte of the TCP checksum (xor 0xff); nothing is recomputed, so it cannot verify. */
    static final Action CORRUPT_CHECKSUM = new Action() {
        public String verb() {
            return "corrupt checksum";
        }

        public boolean needsTcp() {
            return true;
        }

        public void perform(FrameFate fate, DecodedFrame frame, String what) {
            byte[] bytes = fate.frame().clone();
            int tcp = Corrupt.ipPayloadOffset(bytes);
            int at = tcp + 17; // checksum is bytes 16-17 of the TCP header
            if (tcp < 0 || at >= bytes.length) {
                return;
            }
            int before = Corrupt.u16(bytes, tcp + 16);
            bytes[at] ^= (byte) 0xff;
            fate.replace(bytes, "corrupt checksum " + what + String.format(": tcp cksum 0x%04x->0x%04x",
                    before, Corrupt.u16(bytes, tcp + 16)));
        }
    };

    /** Re-emits the segment through {@link Frames#tcp}, so both checksums are right (IP options are not kept). */
    static Action rewrite(UnaryOperator<TcpRepr> edit) {
        if (edit == null) {
            throw new IllegalArgumentException("rewrite needs an edit");
        }
        return new Action() {
            public String verb() {
                return "rewrite";
            }

            public boolean needsTcp() {
                return true;
            }

            public void perform(FrameFate fate, DecodedFrame frame, String what) {
                TcpRepr before = frame.tcp();
                TcpRepr after = edit.apply(before);
                if (after == null) {
                    throw new IllegalStateException("rewrite of " + what + " returned null");
                }
                byte[] bytes = Frames.tcp(frame.ethernet().src(), frame.ethernet().dst(), frame.ip(), after);
                fate.replace(bytes, "rewrite " + what + ": " + diff(before, after));
            }
        };
    }

    /** "win 502->0, seq 1->5", or "unchanged". */
    static String diff(TcpRepr a, TcpRepr b) {
        List<String> d = new ArrayList<>();
        field(d, "sport", a.srcPort(), b.srcPort());
        field(d, "dport", a.dstPort(), b.dstPort());
        field(d, "seq", Integer.toUnsignedString(a.seq()), Integer.toUnsignedString(b.seq()));
        field(d, "ack", Integer.toUnsignedString(a.ack()), Integer.toUnsignedString(b.ack()));
        field(d, "flags", "[" + TcpFlags.tcpdump(a.flags()) + "]",
                "[" + TcpFlags.tcpdump(b.flags()) + "]");
        field(d, "win", a.window(), b.window());
        field(d, "urg", a.urgent(), b.urgent());
        field(d, "options", "[" + a.options().tcpdump() + "]", "[" + b.options().tcpdump() + "]");
        if (!Arrays.equals(a.payload(), b.payload())) {
            d.add("payload " + a.payload().length + "B->" + b.payload().length + "B");
        }
        return d.isEmpty() ? "unchanged" : String.join(", ", d);
    }

    private static void field(List<String> d, String name, Object a, Object b) {
        if (!a.equals(b)) {
            d.add(name + " " + a + "->" + b);
        }
    }
}
