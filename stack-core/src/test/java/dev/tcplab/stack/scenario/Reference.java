package dev.tcplab.stack.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcplab.stack.wire.ReferenceCaptures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Comparisons of a model run with a reference capture (packets, times, counters). */
final class Reference {
    private Reference() {}

    /**
     * Counters the model keeps the way Linux does. Others in the references (TCPPureAcks,
     * TCPHPAcks, TCPDelivered, TCPRcvCoalesce: fast-path and delivery accounting) are not modelled.
     */
    static final Set<String> MODELLED = Set.of("TcpActiveOpens", "TcpPassiveOpens", "TcpAttemptFails",
            "IpOutRequests", "IpOutDiscards", "IpOutTransmits", "TcpEstabResets", "TcpInSegs", "TcpOutSegs", "TcpRetransSegs", "TcpInErrs", "TcpOutRsts",
            "TcpExtTW", "TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtSyncookiesSent",
            "TcpExtSyncookiesRecv", "TcpExtSyncookiesFailed", "TcpExtTCPReqQFullDoCookies", "TcpExtTCPReqQFullDrop",
            "TcpExtTCPChallengeACK", "TcpExtTCPSYNChallenge", "TcpExtTCPTimeouts", "TcpExtTCPSynRetrans",
            "TcpExtTCPLostRetransmit", "TcpExtTcpTimeoutRehash", "TcpExtTCPAbortOnTimeout", "TcpExtDelayedACKs",
            "TcpExtEmbryonicRsts", "TcpExtTCPOrigDataSent", "TcpExtPAWSActiveRejected", "TcpExtTCPKeepAlive",
            "TcpExtTCPLossProbes", "TcpExtTCPLossProbeRecovery");

    /** Same segments in the same order: direction, flags, relative seq/ack, window, length, option kinds. */
    static void assertSameSegments(String scenario, SegmentTable model) {
        SegmentTable ref = SegmentTable.reference(scenario);
        List<String> r = ref.shapes();
        List<String> m = model.shapes();
        if (!r.equals(m)) {
            StringBuilder b = new StringBuilder(scenario + ": the model's segments differ from Linux's\n");
            for (int i = 0; i < Math.max(r.size(), m.size()); i++) {
                String a = i < r.size() ? r.get(i) : "(none)";
                String c = i < m.size() ? m.get(i) : "(none)";
                b.append(a.equals(c) ? "   " : "** ").append(i + 1).append(" linux: ").append(a).append('\n');
                if (!a.equals(c)) {
                    b.append("      model: ").append(c).append('\n');
                }
            }
            fail(b.toString());
        }
    }

    /**
     * Each segment belongs to the same connection as in the capture: the model's client ports are
     * paired with the capture's in order of first appearance, and every later row must keep that
     * pairing, so two connections' segments cannot swap unnoticed. Rows past the shorter table
     * are left to {@link #assertSameSegments}.
     */
    static void assertSameConnections(String scenario, SegmentTable model) {
        SegmentTable ref = SegmentTable.reference(scenario);
        Map<String, String> modelToRef = new LinkedHashMap<>();
        Map<String, String> refToModel = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < Math.min(ref.rows().size(), model.rows().size()); i++) {
            String r = ref.rows().get(i).clientPort();
            String m = model.rows().get(i).clientPort();
            String mappedR = modelToRef.get(m);
            String mappedM = refToModel.get(r);
            if (mappedR == null && mappedM == null) {
                modelToRef.put(m, r);
                refToModel.put(r, m);
            } else if (!r.equals(mappedR) || !m.equals(mappedM)) {
                bad.add(String.format(Locale.ROOT, "row %d: linux port %s (model %s), model port %s (linux %s)",
                        i + 1, r, mappedM, m, mappedR));
            }
        }
        assertTrue(bad.isEmpty(), scenario + ": segments on a different connection than in the capture "
                + "(client ports model→linux " + modelToRef + "): " + bad);
    }

    /**
     * Each segment's TSecr echoes the same peer segment's TSval as in the capture (RFC 7323
     * ts_recent: the latest in-order TSval, not the handshake's). Compared as the peer segments
     * whose TSval it equals (see {@link SegmentTable#echoes()}): the two sets must share one.
     */
    static void assertSameEchoes(String scenario, SegmentTable model) {
        SegmentTable ref = SegmentTable.reference(scenario);
        List<Set<Integer>> r = ref.echoes();
        List<Set<Integer>> m = model.echoes();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < Math.min(r.size(), m.size()); i++) {
            boolean same = r.get(i).isEmpty() ? m.get(i).isEmpty() : r.get(i).stream().anyMatch(m.get(i)::contains);
            if (!same) {
                bad.add("row " + (i + 1) + ": linux echoes " + r.get(i) + ", model " + m.get(i));
            }
        }
        assertTrue(bad.isEmpty(), scenario + ": TSecr differs: " + bad);
    }

    /**
     * The model is exact; the kernel's timers are late by up to ~12.5 % (timer wheel, HZ=250) and
     * its programs by their own latencies: linux-handshake.md 4.2 allows [nominal, nominal*1.13 + 10 ms].
     * Each row's time must lie in that band (model time as nominal), with 2 ms the other way for
     * link latency differences.
     */
    static void assertTimesWithinSlack(String scenario, SegmentTable model) {
        SegmentTable ref = SegmentTable.reference(scenario);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ref.rows().size(); i++) {
            double tr = ref.rows().get(i).t();
            double tm = model.rows().get(i).t();
            if (tm > tr + 0.002 || tr > tm * 1.13 + 0.010) {
                bad.add(String.format(Locale.ROOT, "row %d: linux %.6f s, model %.6f s", i + 1, tr, tm));
            }
        }
        assertTrue(bad.isEmpty(), scenario + ": times outside the timer slack: " + bad);
    }

    /** nstat deltas from the notes: side is "client" or "server". */
    static Map<String, Long> counters(String scenario, String side) {
        Map<String, Long> m = new LinkedHashMap<>();
        boolean in = false;
        boolean found = false;
        for (String line : ReferenceCaptures.text(scenario, ".notes.txt")) {
            if (line.startsWith("=== nstat delta")) {
                in = line.contains(side);
                found |= in;
                continue;
            }
            if (line.startsWith("===") || line.startsWith("---") || line.startsWith("[")) {
                in = false;
                continue;
            }
            if (in) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && (f[0].startsWith("Tcp") || f[0].startsWith("Ip"))) {
                    m.put(f[0], Long.parseLong(f[1]));
                }
            }
        }
        assertTrue(found, "no nstat delta section for " + side + " in " + scenario);
        return m;
    }

    /** Every modelled counter equals the reference delta (0 when the reference does not list it). */
    static void assertCounters(String scenario, String side, Map<String, Long> model) {
        Map<String, Long> ref = counters(scenario, side);
        Map<String, String> diff = new LinkedHashMap<>();
        for (String name : MODELLED.stream().sorted().toList()) {
            long r = ref.getOrDefault(name, 0L);
            long m = model.getOrDefault(name, 0L);
            if (r != m) {
                diff.put(name, "linux " + r + ", model " + m);
            }
        }
        assertEquals(Map.of(), diff, scenario + " " + side + " counters");
    }
}
