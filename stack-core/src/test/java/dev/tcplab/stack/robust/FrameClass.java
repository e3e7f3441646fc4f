package dev.tcplab.stack.robust;

import dev.tcplab.stack.host.Counter;
import java.util.List;

/**
 * What a receiving host does with one Ethernet frame, decided by {@link FrameOracle} from the
 * kernel's rules (netif_receive_skb, arp_rcv, ip_rcv_core, ip_rcv_finish, tcp_v4_rcv), and the
 * counters each outcome must move. The test sums these per frame and compares with the MIB.
 */
enum FrameClass {
    /** Shorter than an Ethernet header (the model's device drop counter). */
    ETH_SHORT(Counter.DevRxDropped),
    /** Destination MAC neither ours nor broadcast: PACKET_OTHERHOST, dropped silently. */
    ETH_OTHERHOST(),
    /** Neither IPv4 nor ARP: no protocol handler. */
    ETH_UNKNOWN_TYPE(Counter.DevRxDropped),
    ARP_BAD(Counter.ArpInErrors),
    ARP_OK(),
    /** ip_rcv_core: shorter than 20, version != 4, ihl < 5, ihl*4 beyond the data. */
    IP_BAD_HEADER(Counter.IpInReceives, Counter.IpInHdrErrors),
    /** ip_rcv_core csum_error falls through to inhdr_error. */
    IP_BAD_CSUM(Counter.IpInReceives, Counter.IpExtInCsumErrors, Counter.IpInHdrErrors),
    /** skb->len < tot_len. */
    IP_TRUNCATED(Counter.IpInReceives, Counter.IpExtInTruncatedPkts),
    /** tot_len < ihl*4. */
    IP_BAD_TOTAL_LENGTH(Counter.IpInReceives, Counter.IpInHdrErrors),
    /** Not a local address and forwarding off: ip_error(EHOSTUNREACH). */
    IP_NOT_LOCAL(Counter.IpInReceives, Counter.IpInAddrErrors),
    /** The model does no reassembly and discards fragments. */
    IP_FRAGMENT(Counter.IpInReceives, Counter.IpInDiscards),
    IP_NOT_TCP(Counter.IpInReceives, Counter.IpInUnknownProtos),
    /** TCP in an Ethernet broadcast frame: tcp_v4_rcv drops pkt_type != PACKET_HOST before InSegs. */
    TCP_NOT_HOST(Counter.IpInReceives, Counter.IpInDelivers),
    /** tcp_v4_rcv: pskb_may_pull(20) fails → discard_it after InSegs. */
    TCP_SHORT(Counter.IpInReceives, Counter.IpInDelivers, Counter.TcpInSegs),
    /** doff < 5 → bad_packet. */
    TCP_BAD_DOFF(Counter.IpInReceives, Counter.IpInDelivers, Counter.TcpInSegs, Counter.TcpInErrs),
    /** doff*4 beyond the segment → discard_it. */
    TCP_OPTIONS_TRUNCATED(Counter.IpInReceives, Counter.IpInDelivers, Counter.TcpInSegs),
    TCP_BAD_CSUM(Counter.IpInReceives, Counter.IpInDelivers, Counter.TcpInSegs, Counter.TcpInCsumErrors,
            Counter.TcpInErrs),
    /** A well-formed segment that TCP itself handles. */
    TCP_OK(Counter.IpInReceives, Counter.IpInDelivers, Counter.TcpInSegs);

    /** Counters this outcome must increment by one each (and only these, of {@link #ACCOUNTED}). */
    final List<Counter> counters;

    FrameClass(Counter... counters) {
        this.counters = List.of(counters);
    }

    /**
     * Counters the oracle accounts for exactly. TcpInErrs is also moved by TCP itself (a SYN on an
     * established socket, tcp_validate_incoming's syn_inerr), so the test checks it separately.
     */
    static final List<Counter> ACCOUNTED = List.of(Counter.DevRxDropped, Counter.ArpInErrors,
            Counter.IpInReceives, Counter.IpInHdrErrors, Counter.IpExtInCsumErrors, Counter.IpExtInTruncatedPkts,
            Counter.IpInAddrErrors, Counter.IpInDiscards, Counter.IpInUnknownProtos, Counter.IpInDelivers,
            Counter.TcpInSegs, Counter.TcpInCsumErrors);
}
