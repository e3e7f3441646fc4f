package dev.tcplab.lab.report;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.HostInfo;
import dev.tcplab.lab.result.LabTrace.KernelCall;
import dev.tcplab.lab.result.LabTrace.LinkCapture;
import dev.tcplab.lab.result.LabTrace.QueueSample;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.result.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Hand-made results shaped like the engine's: a SYN-ACK lost twice, then data and a close. */
public final class SampleRuns {
    private SampleRuns() {}

    static final long MS = 1_000_000L;

    public static LabResult synAckLost() {
        List<WirePacket> p = new ArrayList<>();
        String c = "192.0.2.1";
        String s = "192.0.2.2";
        String opts = "mss=1460,sackOK,TS val=1 ecr=0,nop,wscale=7";
        p.add(pkt(0, "client", "server", c, 40000, s, 80, "SYN", 0, -1, 64240, 0, opts, true, null));
        p.add(pkt(10 * MS, "server", "client", s, 80, c, 40000, "SYN, ACK", 0, 1, 65160, 0, opts, false, "drop(first = 2) #1"));
        p.add(pkt(1010 * MS, "client", "server", c, 40000, s, 80, "SYN", 0, -1, 64240, 0, opts, true, null));
        p.add(pkt(1010 * MS, "server", "client", s, 80, c, 40000, "SYN, ACK", 0, 1, 65160, 0, opts, false, "drop(first = 2) #2"));
        p.add(pkt(3010 * MS, "server", "client", s, 80, c, 40000, "SYN, ACK", 0, 1, 65160, 0, opts, true, null));
        p.add(pkt(3020 * MS, "client", "server", c, 40000, s, 80, "ACK", 1, 1, 502, 0, "nop,nop,TS val=3020 ecr=3010", true, null));
        p.add(pkt(3020 * MS, "client", "server", c, 40000, s, 80, "PSH, ACK", 1, 1, 502, 5, "nop,nop,TS val=3020 ecr=3010", true, "delay +5ms"));
        p.add(pkt(3035 * MS, "server", "client", s, 80, c, 40000, "ACK", 1, 6, 509, 0, "", true, null));
        p.add(pkt(3040 * MS, "client", "server", c, 40000, s, 80, "FIN, ACK", 6, 1, 502, 0, "", true, null));
        List<StateChange> st = List.of(
            new StateChange(0, "server", "0.0.0.0:80", "TCP_CLOSE", "TCP_LISTEN"),
            new StateChange(0, "client", c + ":40000", "TCP_CLOSE", "TCP_SYN_SENT"),
            new StateChange(10 * MS, "server", "req " + s + ":80<-" + c + ":40000", "TCP_CLOSE", "TCP_NEW_SYN_RECV"),
            new StateChange(3020 * MS, "client", c + ":40000", "TCP_SYN_SENT", "TCP_ESTABLISHED"),
            new StateChange(3030 * MS, "server", s + ":80<-" + c + ":40000", "TCP_SYN_RECV", "TCP_ESTABLISHED"),
            new StateChange(3040 * MS, "client", c + ":40000", "TCP_ESTABLISHED", "TCP_FIN_WAIT1"),
            new StateChange(3050 * MS, "server", s + ":80<-" + c + ":40000", "TCP_ESTABLISHED", "TCP_CLOSE_WAIT"));
        List<KernelCall> calls = List.of(
            new KernelCall(0, "client", "tcp_v4_connect", c + ":40000 -> " + s + ":80"),
            new KernelCall(0, "client", "tcp_connect", "iss=1000"),
            new KernelCall(10 * MS, "server", "tcp_v4_rcv", "SYN"),
            new KernelCall(10 * MS, "server", "tcp_conn_request", "backlog 0/8"),
            new KernelCall(10 * MS, "server", "tcp_v4_send_synack", "retrans=0"),
            new KernelCall(3030 * MS, "server", "tcp_check_req", "ACK ok"),
            new KernelCall(3030 * MS, "server", "inet_csk_complete_hashdance", "detail with\nnewline"));
        LabTrace trace = new LabTrace(
            List.of(new HostInfo("client", c, "model"), new HostInfo("server", s, "model")),
            p, st, List.of(new FaultMark(10 * MS, "client-server", "SYN-ACK dropped (1 of 2)"),
                new FaultMark(1010 * MS, "client-server", "SYN-ACK dropped (2 of 2)")),
            calls, List.of(new LinkCapture("client-server", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0})));
        SourceLocation at = new SourceLocation("syn-ack-lost.lab.kts", 14, 5);
        List<CheckResult> checks = List.of(
            new CheckResult("server keeps a request sock", null, 2, 2, false, Outcome.PASSED, null, 1500 * MS, at),
            new CheckResult("client established after the third SYN-ACK", "handshake", 0, 3, false, Outcome.FAILED,
                "expected TCP_ESTABLISHED at 2.0 s\n but was TCP_SYN_SENT <&\"'>", 2000 * MS, new SourceLocation("syn-ack-lost.lab.kts", 19, 9)),
            new CheckResult("hidden retries", null, 1.5, 1.5, true, Outcome.PASSED, null, 3020 * MS, null),
            new CheckResult("kernel path", null, 0, 1, false, Outcome.ERROR, "IllegalStateException: boom", -1, null),
            new CheckResult("real kernel", null, 0, 1, false, Outcome.SKIPPED, "needs root", -1, null));
        return new LabResult("syn-ack-lost", "SYN-ACK lost twice", "labs/syn-ack-lost/syn-ack-lost.lab.kts", 7,
            Outcome.FAILED, null, null, checks, trace, 321, 3050 * MS);
    }

    public static LabResult broken() {
        return new LabResult("../broken lab", null, "broken.lab.kts", 1, Outcome.ERROR,
            "Unresolved reference 'x'.", new SourceLocation("broken.lab.kts", 5, 5), List.of(), null, 12, 0);
    }

    /** n segments ping-ponging, to see that long ladders stay readable. */
    public static LabResult many(int n) {
        List<WirePacket> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean out = i % 2 == 0;
            p.add(pkt(i * 3 * MS + (i == n / 2 ? 800 * MS : 0), out ? "a" : "b", out ? "b" : "a", out ? "192.0.2.1" : "192.0.2.2", 1,
                out ? "192.0.2.2" : "192.0.2.1", 2, out ? "PSH, ACK" : "ACK", i * 100L, i * 100L, 1000, out ? 100 : 0, "", i % 17 != 5, null));
        }
        LabTrace t = new LabTrace(List.of(new HostInfo("a", "192.0.2.1", "model"), new HostInfo("b", "192.0.2.2", "linux")),
            p, List.of(), List.of(), List.of(), List.of());
        return new LabResult("many", "Many segments", "many.lab.kts", 1, Outcome.PASSED, null, null,
            List.of(new CheckResult("all delivered", null, 1, 1, false, Outcome.PASSED, null, 5 * MS, null)), t, 5, n * 3 * MS);
    }

    /**
     * Six hosts (the width a 1,400 px page must hold): the server's SYN-ACK dies at the client's
     * own INPUT chain, then a flood of 31 SYNs 2 ms apart from the attacker to sc1, each answered by
     * a SYN-ACK whose RST the attacker's OUTPUT chain drops; at 1 s the client's retransmitted SYN
     * gets through. Every event carries its place in the event log; the listeners' queues are sampled.
     */
    public static LabResult sixHosts() {
        String[][] hosts = {{"attacker", "192.0.2.66"}, {"client", "192.0.2.1"}, {"server", "192.0.2.2"},
            {"sc1", "192.0.2.11"}, {"observer-with-a-long-name", "192.0.2.99"}, {"late", "192.0.2.3"}};
        List<HostInfo> hostInfos = new ArrayList<>();
        for (String[] h : hosts) {
            hostInfos.add(new HostInfo(h[0], h[1], "model"));
        }
        List<WirePacket> p = new ArrayList<>();
        List<StateChange> st = new ArrayList<>();
        long[] order = {0};
        String opts = "mss=1460,sackOK,TS val=1 ecr=0,nop,wscale=7";
        st.add(new StateChange(0, "server", "sk1 192.0.2.2:80>0.0.0.0:0", "TCP_CLOSE", "TCP_LISTEN", order[0]++));
        st.add(new StateChange(0, "sc1", "sk1 192.0.2.11:80>0.0.0.0:0", "TCP_CLOSE", "TCP_LISTEN", order[0]++));
        st.add(new StateChange(0, "client", "sk1 192.0.2.1:40000>192.0.2.2:80", "TCP_CLOSE", "TCP_SYN_SENT", order[0]++));
        p.add(seg(0, "client", "server", "192.0.2.1", 40000, "192.0.2.2", 80, "S", 0, -1, opts, order[0]++, null, null));
        st.add(new StateChange(0, "server", "req2 192.0.2.2:80>192.0.2.1:40000", "TCP_LISTEN", "TCP_NEW_SYN_RECV", order[0]++));
        p.add(seg(0, "server", "client", "192.0.2.2", 80, "192.0.2.1", 40000, "SA", 0, 1, opts, order[0]++, "client", "INPUT: SYN,ACK"));
        for (int i = 0; i < 31; i++) {
            long t = 10 * MS + i * 2 * MS;
            p.add(seg(t, "attacker", "sc1", "192.0.2.66", 20000 + i, "192.0.2.11", 80, "S", 0, -1, opts, order[0]++, null, null));
            p.add(seg(t, "sc1", "attacker", "192.0.2.11", 80, "192.0.2.66", 20000 + i, "SA", 0, 1, opts, order[0]++, null, null));
            p.add(seg(t, "attacker", "sc1", "192.0.2.66", 20000 + i, "192.0.2.11", 80, "R", 1, -1, "", order[0]++,
                "attacker", "OUTPUT: --tcp-flags RST RST"));
        }
        p.add(seg(1000 * MS, "client", "server", "192.0.2.1", 40000, "192.0.2.2", 80, "S", 0, -1, opts, order[0]++, null, null));
        p.add(seg(1000 * MS, "server", "client", "192.0.2.2", 80, "192.0.2.1", 40000, "SA", 0, 1, opts, order[0]++, null, null));
        st.add(new StateChange(1000 * MS, "client", "sk1 192.0.2.1:40000>192.0.2.2:80", "TCP_SYN_SENT", "TCP_ESTABLISHED", order[0]++));
        p.add(seg(1000 * MS, "client", "server", "192.0.2.1", 40000, "192.0.2.2", 80, "A", 1, 1, "", order[0]++, null, null));
        st.add(new StateChange(1000 * MS, "server", "sk3 192.0.2.2:80>192.0.2.1:40000", "TCP_NEW_SYN_RECV", "TCP_SYN_RECV", order[0]++));
        st.add(new StateChange(1000 * MS, "server", "req2 192.0.2.2:80>192.0.2.1:40000", "TCP_NEW_SYN_RECV", "TCP_CLOSE", order[0]++));
        st.add(new StateChange(1000 * MS, "server", "sk3 192.0.2.2:80>192.0.2.1:40000", "TCP_SYN_RECV", "TCP_ESTABLISHED", order[0]++));
        List<QueueSample> q = List.of(
            new QueueSample(0, "server", "192.0.2.2:80", 0, 0, 8), new QueueSample(0, "sc1", "192.0.2.11:80", 0, 0, 8),
            new QueueSample(1, "server", "192.0.2.2:80", 1, 0, 8),
            new QueueSample(1000 * MS, "server", "192.0.2.2:80", 0, 1, 8),
            new QueueSample(1500 * MS, "server", "192.0.2.2:80", 0, 0, 8));
        LabTrace trace = new LabTrace(hostInfos, p, st, List.of(), List.of(), List.of(new LinkCapture("lan", new byte[0])),
            List.of(), q);
        List<CheckResult> checks = List.of(
            new CheckResult("the client gets in at 1 s", null, 1, 1, false, Outcome.PASSED, null, 1000 * MS, null));
        return new LabResult("six-hosts", "Six hosts, a firewall and a flood", "six-hosts.lab.kts", 1, Outcome.PASSED,
            null, null, checks, trace, 10, 2000 * MS);
    }

    static WirePacket seg(long t, String from, String to, String src, int sp, String dst, int dp, String flags, long relSeq,
                          long relAck, String opts, long order, String droppedBy, String rule) {
        boolean output = rule != null && rule.startsWith("OUTPUT");
        return new WirePacket(t, output ? null : "lan", from, to, src, sp, dst, dp, flags, 1000 + relSeq,
            relAck < 0 ? 0 : 5000 + relAck, relSeq, relAck, 64240, 0, opts, droppedBy == null, null, order, droppedBy, rule);
    }

    public static RunResult run() {
        return new RunResult(7, List.of(synAckLost(), broken(), many(40)), 400);
    }

    static WirePacket pkt(long t, String from, String to, String src, int sp, String dst, int dp, String flags,
                          long relSeq, long relAck, int win, int len, String opts, boolean delivered, String fault) {
        return new WirePacket(t, "client-server", from, to, src, sp, dst, dp, flags, 1000 + relSeq,
            relAck < 0 ? 0 : 5000 + relAck, relSeq, relAck, win, len, opts, delivered, fault);
    }
}
