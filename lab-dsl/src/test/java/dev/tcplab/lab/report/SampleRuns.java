package dev.tcplab.lab.report;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.HostInfo;
import dev.tcplab.lab.result.LabTrace.KernelCall;
import dev.tcplab.lab.result.LabTrace.LinkCapture;
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

    public static RunResult run() {
        return new RunResult(7, List.of(synAckLost(), broken(), many(40)), 400);
    }

    static WirePacket pkt(long t, String from, String to, String src, int sp, String dst, int dp, String flags,
                          long relSeq, long relAck, int win, int len, String opts, boolean delivered, String fault) {
        return new WirePacket(t, "client-server", from, to, src, sp, dst, dp, flags, 1000 + relSeq,
            relAck < 0 ? 0 : 5000 + relAck, relSeq, relAck, win, len, opts, delivered, fault);
    }
}
