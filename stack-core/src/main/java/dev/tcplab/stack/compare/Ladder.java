package dev.tcplab.stack.compare;

import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A capture's TCP segments as a ladder diagram shows them, in the reference tables' terms
 * (scripts/pcap_table.py): time since the first segment, direction, flags, seq/ack relative to
 * each direction's first seen sequence number, the raw window field, payload length, option
 * kinds in order. Two ladders of the same scenario - the model's in virtual time and the real
 * kernel's over a veth - compare rung by rung with {@link #diff}.
 *
 * <p>Timestamps, ISNs, ports and MACs are deliberately not compared: they differ from run to
 * run on Linux too.
 *
 * <p>A ladder captured on the wall clock may name its {@link #scheduledDir() scheduled
 * direction}: the segments a user-space program sent at the scheduler's pace (the model answering
 * the kernel over a veth). How late those leave says how busy the machine was, not what TCP
 * decided, so a causal comparison does not hold them to the timer slack.
 */
public final class Ladder {
    /** One segment. {@code rack} is "-" without ACK, "abs:N" when the other side's ISN is unseen. */
    public record Rung(long timeNanos, String dir, String flags, long rseq, String rack, int window, int length,
                       List<String> options) {
        public Rung {
            options = List.copyOf(options);
        }

        /** Everything compared except time. */
        public String shape() {
            return dir + " " + flags + " rseq=" + rseq + " rack=" + rack + " win=" + window + " len=" + length
                    + " opts=" + String.join(",", options);
        }
    }

    /**
     * How late the kernel may be against the model: Linux timers fire up to ~12.5 % late (timer
     * wheel granularity, HZ=250; linux-handshake.md 4.2), programs and the veth add their own
     * latency; early by at most {@code earlyNanos} (link latency differences).
     *
     * <p>Absolute ({@code causal} false): each rung's time since the first lies in
     * [nominal - early, nominal * lateFactor + late].
     *
     * <p>Causal ({@code causal} true), for a run on the wall clock, where the harness itself can be
     * tens of ms late on a loaded machine: each rung the kernel sent must follow the previous one
     * within that band applied to the model's gap (its answers, immediate or delayed ACKs,
     * retransmission timers: what the kernel decides). Two kinds of rung are the scheduler's, not
     * TCP's, and may be late by any amount but never early:
     * <ul>
     *   <li>the rungs listed in {@code actions} (1-based): segments a program's call sent (connect,
     *   send, close at a scripted time), never earlier than nominal - early since the first rung;
     *   <li>every other rung in the compared ladder's {@link Ladder#scheduledDir() scheduled
     *   direction} (the model's own answers on the wall clock), never earlier after the previous
     *   rung than the model's gap - early.
     * </ul>
     */
    public record Timing(double lateFactor, long lateNanos, long earlyNanos, boolean causal, Set<Integer> actions) {
        /** [nominal - 2 ms, nominal * 1.13 + 10 ms] since the first segment, as the reference-scenario tests use. */
        public static final Timing LINUX_TIMER_SLACK = new Timing(1.13, 10_000_000L, 2_000_000L, false, Set.of());
        /** The same band on the gaps between rungs (see class comment); add the programs' rungs with {@link #withActions}. */
        public static final Timing WALL_CLOCK = new Timing(1.13, 10_000_000L, 2_000_000L, true, Set.of());
        /** Times are not compared. */
        public static final Timing IGNORE = new Timing(1.0, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, false, Set.of());

        public Timing {
            actions = Set.copyOf(actions);
        }

        /** The same timing with these rungs (1-based) sent by a program's call at a scripted time. */
        public Timing withActions(int... rungs) {
            Set<Integer> s = new java.util.TreeSet<>(actions);
            for (int r : rungs) {
                s.add(r);
            }
            return new Timing(lateFactor, lateNanos, earlyNanos, causal, s);
        }

        public boolean within(long nominalNanos, long actualNanos) {
            return actualNanos >= nominalNanos - earlyNanos && actualNanos <= upper(nominalNanos);
        }

        long upper(long nominalNanos) {
            return (long) Math.min(Long.MAX_VALUE / 2.0, nominalNanos * lateFactor + lateNanos);
        }
    }

    private final String name;
    private final List<Rung> rungs;
    private final String scheduledDir;

    public Ladder(String name, List<Rung> rungs) {
        this(name, rungs, null);
    }

    private Ladder(String name, List<Rung> rungs, String scheduledDir) {
        this.name = Objects.requireNonNull(name, "name");
        this.rungs = List.copyOf(rungs);
        this.scheduledDir = scheduledDir;
    }

    /**
     * This ladder with dir ("C->S" or "S->C") marked as sent by a program on the wall clock: the
     * model host of a {@link dev.tcplab.stack.realif.KernelPeer}, whose answers leave when the
     * scheduler runs its loop (measured: 11-27 ms after their cause with three CPU-bound processes
     * on two cores, against 20 us in virtual time).
     */
    public Ladder withScheduledDir(String dir) {
        if (!"C->S".equals(dir) && !"S->C".equals(dir)) {
            throw new IllegalArgumentException("a direction is C->S or S->C, not " + dir);
        }
        return new Ladder(name, rungs, dir);
    }

    /** The direction a program sent at the scheduler's pace, or null (every segment is a TCP stack's own). */
    public String scheduledDir() {
        return scheduledDir;
    }

    /** From a classic pcap (either timestamp resolution). Segments sent by client are "C->S". */
    public static Ladder fromPcap(String name, byte[] pcap, Ipv4Address client) {
        PcapReader.Capture cap;
        try {
            cap = PcapReader.read(pcap, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the capture of " + name + ": " + e.getMessage(), e);
        }
        Builder b = new Builder(name, client);
        for (PcapReader.Record r : cap.records()) {
            b.add(r.timeNanos(), r.data());
        }
        return b.build();
    }

    /** Collects frames one by one (non-TCP frames are ignored); times are any clock in ns. */
    public static final class Builder {
        private final String name;
        private final Ipv4Address client;
        private final List<Rung> rungs = new ArrayList<>();
        private final Map<String, Long> isn = new HashMap<>();
        private long t0 = -1;

        public Builder(String name, Ipv4Address client) {
            this.name = name;
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder add(long timeNanos, byte[] frame) {
            DecodedFrame d = Frames.decode(frame);
            if (d.ip() == null || d.tcp() == null) {
                return this;
            }
            if (t0 < 0) {
                t0 = timeNanos;
            }
            TcpRepr t = d.tcp();
            String key = d.ip().src() + ":" + t.srcPort() + ">" + d.ip().dst() + ":" + t.dstPort();
            String rkey = d.ip().dst() + ":" + t.dstPort() + ">" + d.ip().src() + ":" + t.srcPort();
            long seq = Integer.toUnsignedLong(t.seq());
            long base = isn.computeIfAbsent(key, k -> seq);
            String rack;
            if (!t.has(TcpFlags.ACK)) {
                rack = "-";
            } else if (isn.containsKey(rkey)) {
                rack = Long.toString((Integer.toUnsignedLong(t.ack()) - isn.get(rkey)) & 0xFFFFFFFFL);
            } else {
                rack = "abs:" + Integer.toUnsignedLong(t.ack());
            }
            List<String> kinds = new ArrayList<>();
            for (int k : t.options().kinds()) {
                kinds.add(kindName(k));
            }
            String dir = d.ip().src().equals(client) ? "C->S" : "S->C";
            rungs.add(new Rung(timeNanos - t0, dir, TcpFlags.letters(t.flags()), (seq - base) & 0xFFFFFFFFL, rack,
                    t.window(), t.payload().length, kinds));
            return this;
        }

        public Ladder build() {
            return new Ladder(name, rungs);
        }
    }

    /** tcpdump's names for option kinds. */
    static String kindName(int kind) {
        return switch (kind) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "wscale";
            case 4 -> "sackOK";
            case 5 -> "sack";
            case 8 -> "TS";
            default -> "opt" + kind;
        };
    }

    public String name() {
        return name;
    }

    public List<Rung> rungs() {
        return rungs;
    }

    public int size() {
        return rungs.size();
    }

    public List<String> shapes() {
        return rungs.stream().map(Rung::shape).toList();
    }

    /** Compares with the kernel's ladder (this one is the model's), times absolute within the timer slack. */
    public Diff diff(Ladder kernel) {
        return diff(kernel, Timing.LINUX_TIMER_SLACK);
    }

    /**
     * Rung by rung: direction, flags, relative seq/ack, window field, length and option kinds must
     * be equal, and other's times must agree with this one's as timing says.
     */
    public Diff diff(Ladder other, Timing timing) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        int n = Math.max(rungs.size(), other.rungs.size());
        for (int i = 0; i < n; i++) {
            Rung a = i < rungs.size() ? rungs.get(i) : null;
            Rung b = i < other.rungs.size() ? other.rungs.get(i) : null;
            String sa = a == null ? "(none)" : a.shape();
            String sb = b == null ? "(none)" : b.shape();
            boolean shapeOk = sa.equals(sb);
            String timeProblem = a == null || b == null || !shapeOk ? null : timeProblem(i, other, timing);
            if (!shapeOk) {
                problems.add("rung " + (i + 1) + ": " + fieldsDiffering(a, b));
            } else if (timeProblem != null) {
                problems.add("rung " + (i + 1) + ": " + timeProblem);
            }
            boolean ok = shapeOk && timeProblem == null;
            table.append(String.format(Locale.ROOT, "%s%2d %-7s %10s  %s%n", ok ? "   " : "** ", i + 1, name,
                    a == null ? "" : ms(a.timeNanos()), sa));
            if (!ok) {
                table.append(String.format(Locale.ROOT, "   %2s %-7s %10s  %s%n", "", other.name, b == null ? "" : ms(b.timeNanos()), sb));
            }
        }
        return new Diff(name, other.name, problems, table.toString());
    }

    /** Null when rung i of other is on time against rung i of this ladder. */
    private String timeProblem(int i, Ladder other, Timing timing) {
        long tm = rungs.get(i).timeNanos();
        long tk = other.rungs.get(i).timeNanos();
        if (!timing.causal() || i == 0) {
            return timing.within(tm, tk) ? null : String.format(Locale.ROOT, "%s at %s, %s at %s: outside [%s, %s]",
                    other.name, ms(tk), name, ms(tm), ms(tm - timing.earlyNanos()), ms(timing.upper(tm)));
        }
        if (timing.actions().contains(i + 1)) {
            return tk >= tm - timing.earlyNanos() ? null : String.format(Locale.ROOT,
                    "%s at %s, earlier than %s's %s (a program's action may be late, not early)", other.name, ms(tk), name, ms(tm));
        }
        long gm = tm - rungs.get(i - 1).timeNanos();
        long gk = tk - other.rungs.get(i - 1).timeNanos();
        String scheduled = other.scheduledDir != null ? other.scheduledDir : scheduledDir;
        if (rungs.get(i).dir().equals(scheduled)) {
            return gk >= gm - timing.earlyNanos() ? null : String.format(Locale.ROOT,
                    "%s after rung %d in %s, earlier than after %s in %s (a program on the wall clock may answer late, not early)",
                    ms(gk), i, other.name, ms(gm), name);
        }
        return timing.within(gm, gk) ? null : String.format(Locale.ROOT,
                "%s after rung %d in %s, after %s in %s: outside [%s, %s]",
                ms(gk), i, other.name, ms(gm), name, ms(gm - timing.earlyNanos()), ms(timing.upper(gm)));
    }

    private static String fieldsDiffering(Rung a, Rung b) {
        if (a == null) {
            return "extra segment " + b.shape();
        }
        if (b == null) {
            return "missing segment " + a.shape();
        }
        List<String> f = new ArrayList<>();
        if (!a.dir().equals(b.dir())) f.add("direction " + a.dir() + " vs " + b.dir());
        if (!a.flags().equals(b.flags())) f.add("flags " + a.flags() + " vs " + b.flags());
        if (a.rseq() != b.rseq()) f.add("rseq " + a.rseq() + " vs " + b.rseq());
        if (!a.rack().equals(b.rack())) f.add("rack " + a.rack() + " vs " + b.rack());
        if (a.window() != b.window()) f.add("window " + a.window() + " vs " + b.window());
        if (a.length() != b.length()) f.add("length " + a.length() + " vs " + b.length());
        if (!a.options().equals(b.options())) f.add("options " + a.options() + " vs " + b.options());
        return String.join(", ", f);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }

    /** The result of {@link #diff}: empty when the ladders match. */
    public record Diff(String left, String right, List<String> differences, String table) {
        public Diff {
            differences = List.copyOf(differences);
        }

        public boolean matches() {
            return differences.isEmpty();
        }

        /** A summary line per difference, then both ladders side by side (** marks a differing rung). */
        public String render() {
            String head = matches()
                    ? left + " and " + right + " ladders match\n"
                    : left + " and " + right + " ladders differ (" + differences.size() + "):\n  " + String.join("\n  ", differences) + "\n";
            return head + table;
        }

        @Override
        public String toString() {
            return render();
        }
    }

    /** Time, direction, and the compared fields, one rung a line. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            b.append(String.format(Locale.ROOT, "%2d %10s  %s%n", i + 1, ms(r.timeNanos()), r.shape()));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name + " ladder\n" + render();
    }
}
