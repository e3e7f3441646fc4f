package dev.tcplab.lab.result;

import java.util.List;

/**
 * Everything a report shows about one lab's network: who, what went over the wire, states,
 * faults, calls; and the script's warnings (a lab without checks, a check without an
 * expectation), which travel with it to every report and the grading stream.
 */
public record LabTrace(List<HostInfo> hosts, List<WirePacket> packets, List<StateChange> states,
                       List<FaultMark> faults, List<KernelCall> kernelCalls, List<LinkCapture> captures,
                       List<String> warnings, List<QueueSample> queues) {
    /** No network, no warnings. */
    public static final LabTrace EMPTY = new LabTrace(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public LabTrace {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** A network's trace with warnings, without queue samples. */
    public LabTrace(List<HostInfo> hosts, List<WirePacket> packets, List<StateChange> states,
                    List<FaultMark> faults, List<KernelCall> kernelCalls, List<LinkCapture> captures,
                    List<String> warnings) {
        this(hosts, packets, states, faults, kernelCalls, captures, warnings, List.of());
    }

    /** A network's trace without warnings. */
    public LabTrace(List<HostInfo> hosts, List<WirePacket> packets, List<StateChange> states,
                    List<FaultMark> faults, List<KernelCall> kernelCalls, List<LinkCapture> captures) {
        this(hosts, packets, states, faults, kernelCalls, captures, List.of(), List.of());
    }

    public LabTrace withWarnings(List<String> w) {
        return new LabTrace(hosts, packets, states, faults, kernelCalls, captures, w, queues);
    }

    public record HostInfo(String name, String address, String kind /* "model" or "linux" */) {}

    /**
     * A TCP segment seen on a link. seq/ack are relative to each direction's ISN as in the
     * reference tables (relSeq, relAck; relAck -1 without ACK flag); raw values kept too.
     * {@code fault} names a fault that hit this packet (dropped, delayed, corrupted...), else null.
     * {@code order} is the event's place in the run's event log (causal order within an instant;
     * -1 when unknown). A segment a host's own firewall dropped has {@code delivered} false,
     * {@code droppedBy} that host and {@code dropRule} "INPUT: rule" or "OUTPUT: rule" (an OUTPUT
     * drop never reached a link: {@code link} is null).
     */
    public record WirePacket(long timeNanos, String link, String fromHost, String toHost,
                             String src, int srcPort, String dst, int dstPort, String flags,
                             long seq, long ack, long relSeq, long relAck, int window, int length,
                             String options, boolean delivered, String fault,
                             long order, String droppedBy, String dropRule) {
        /** A segment without a known order that no firewall dropped. */
        public WirePacket(long timeNanos, String link, String fromHost, String toHost,
                          String src, int srcPort, String dst, int dstPort, String flags,
                          long seq, long ack, long relSeq, long relAck, int window, int length,
                          String options, boolean delivered, String fault) {
            this(timeNanos, link, fromHost, toHost, src, srcPort, dst, dstPort, flags, seq, ack, relSeq, relAck, window,
                length, options, delivered, fault, -1, null, null);
        }

        /** Dropped by a host's own firewall (INPUT or OUTPUT chain), not by the wire. */
        public boolean firewallDropped() {
            return droppedBy != null;
        }

        /** Dropped where it left: by its sender's OUTPUT chain. */
        public boolean droppedAtOutput() {
            return dropRule != null && dropRule.startsWith("OUTPUT");
        }
    }

    /**
     * A socket (or request sock / timewait sock) changing state; names as the kernel's: TCP_SYN_SENT.
     * {@code order} as for {@link WirePacket}.
     */
    public record StateChange(long timeNanos, String host, String socket, String from, String to, long order) {
        public StateChange(long timeNanos, String host, String socket, String from, String to) {
            this(timeNanos, host, socket, from, to, -1);
        }
    }

    /**
     * A listener's queues after they changed: request socks (qlen, TCP_NEW_SYN_RECV) and children
     * waiting for accept() (sk_ack_backlog), with its backlog (sk_max_ack_backlog); a listener
     * that closed gets a last sample with backlog -1.
     */
    public record QueueSample(long timeNanos, String host, String listener, int requests, int acceptQueue, int backlog) {}

    public record FaultMark(long timeNanos, String link, String description) {}

    /** A modelled kernel function running: tcp_v4_rcv, tcp_conn_request, ... */
    public record KernelCall(long timeNanos, String host, String function, String detail) {}

    /** A link's whole capture in pcap format (classic, nanosecond). */
    public record LinkCapture(String link, byte[] pcap) {}
}
