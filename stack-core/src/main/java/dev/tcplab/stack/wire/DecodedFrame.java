package dev.tcplab.stack.wire;

/**
 * What {@link Frames#decode} could read. Fields are null past the first error; {@code error}
 * says which layer refused and why (OK when all layers parsed and every checksum was right;
 * a bad checksum still fills in the layer's repr).
 */
public record DecodedFrame(EthernetRepr ethernet, ArpRepr arp, Ipv4Repr ip, TcpRepr tcp, WireError error) {
    /** One line in tcpdump -nn style, e.g. "192.0.2.1.43422 > 192.0.2.2.5000: Flags [S], seq 1, win 64240, options [...], length 0". */
    public String summary() {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
