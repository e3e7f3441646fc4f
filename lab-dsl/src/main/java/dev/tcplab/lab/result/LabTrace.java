package dev.tcplab.lab.result;

import java.util.List;

/**
 * Everything a report shows about one lab's network: who, what went over the wire, states,
 * faults, calls; and the script's warnings (a lab without checks, a check without an
 * expectation), which travel with it to every report and the grading stream.
 */
public record LabTrace(List<HostInfo> hosts, List<WirePacket> packets, List<StateChange> states,
                       List<FaultMark> faults, List<KernelCall> kernelCalls, List<LinkCapture> captures,
                       List<String> warnings) {
    /** No network, no warnings. */
    public static final LabTrace EMPTY = new LabTrace(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public LabTrace {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A network's trace without warnings. */
    public LabTrace(List<HostInfo> hosts, List<WirePacket> packets, List<StateChange> states,
                    List<FaultMark> faults, List<KernelCall> kernelCalls, List<LinkCapture> captures) {
        this(hosts, packets, states, faults, kernelCalls, captures, List.of());
    }

    public LabTrace withWarnings(List<String> w) {
        return new LabTrace(hosts, packets, states, faults, kernelCalls, captures, w);
    }

    public record HostInfo(String name, String address, String kind /* "model" or "linux" */) {}

    /**
     * A TCP segment seen on a link. seq/ack are relative to each direction's ISN as in the
     * reference tables (relSeq, relAck; relAck -1 without ACK flag); raw values kept too.
     * {@code fault} names a fault that hit this packet (dropped, delayed, corrupted...), else null.
     */
    public record WirePacket(long timeNanos, String link, String fromHost, String toHost,
                             String src, int srcPort, String dst, int dstPort, String flags,
                             long seq, long ack, long relSeq, long relAck, int window, int length,
                             String options, boolean delivered, String fault) {}

    /** A socket (or request sock / timewait sock) changing state; names as the kernel's: TCP_SYN_SENT. */
    public record StateChange(long timeNanos, String host, String socket, String from, String to) {}

    public record FaultMark(long timeNanos, String link, String description) {}

    /** A modelled kernel function running: tcp_v4_rcv, tcp_conn_request, ... */
    public record KernelCall(long timeNanos, String host, String function, String detail) {}

    /** A link's whole capture in pcap format (classic, nanosecond). */
    public record LinkCapture(String link, byte[] pcap) {}
}
