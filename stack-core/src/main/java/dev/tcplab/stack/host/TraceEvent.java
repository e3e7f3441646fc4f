package dev.tcplab.stack.host;

/** One observable event of a run, in virtual time. */
public sealed interface TraceEvent {
    long time();

    /** A modelled kernel function ran on host (name as in the kernel: "tcp_conn_request"). */
    record KernelCall(long time, String host, String function, String detail) implements TraceEvent {}

    /** A socket, request sock or timewait sock changed state (kernel names: "TCP_SYN_SENT"). */
    record StateChange(long time, String host, String socket, String from, String to) implements TraceEvent {}

    /**
     * A frame entered a link. {@code delivered} is false when a fault dropped it; {@code fault}
     * names what a fault did to it (null when untouched).
     */
    record Frame(long time, String link, String fromNode, String toNode, byte[] bytes, boolean delivered,
                 String fault) implements TraceEvent {}

    /**
     * A host's own firewall dropped a TCP segment (nf_hook_slow → NF_DROP, the kernel's
     * SKB_DROP_REASON_NETFILTER_DROP). {@code chain} is "INPUT" (the frame was on the wire and
     * arrived; {@code frame} is the frame as delivered) or "OUTPUT" (it never reached a device;
     * {@code frame} is the segment as it would have left, with a zero destination MAC).
     * {@code rule} is the rule's description. Recorded when frames are.
     */
    record NetfilterDrop(long time, String host, String chain, String rule, byte[] frame) implements TraceEvent {}

    /** Something a fault did that is not tied to one frame (link down/up). */
    record Fault(long time, String link, String description) implements TraceEvent {}
}
