package dev.tcplab.stack.wire;

/** An Ethernet/IPv4 ARP packet (RFC 826) as values. */
public record ArpRepr(int operation, MacAddress senderMac, Ipv4Address senderIp,
                      MacAddress targetMac, Ipv4Address targetIp) {
    public static final int LEN = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    private static final int HTYPE_ETHERNET = 1;

    /** Returns null when the bytes are short or not Ethernet/IPv4 ARP (never throws). */
    public static ArpRepr parse(byte[] buf, int off, int len) {
        if (!NetworkOrder.inBounds(buf, off, len) || len < LEN) {
            return null;
        }
        // arp_rcv: only hardware type Ethernet, protocol IPv4, address lengths 6 and 4
        if (NetworkOrder.u16(buf, off) != HTYPE_ETHERNET || NetworkOrder.u16(buf, off + 2) != EtherType.IPV4
                || NetworkOrder.u8(buf, off + 4) != 6 || NetworkOrder.u8(buf, off + 5) != 4) {
            return null;
        }
        return new ArpRepr(NetworkOrder.u16(buf, off + 6),
                MacAddress.read(buf, off + 8), Ipv4Address.read(buf, off + 14),
                MacAddress.read(buf, off + 18), Ipv4Address.read(buf, off + 24));
    }

    /** Writes the 28-byte packet at off. */
    public void emit(byte[] buf, int off) {
        NetworkOrder.putU16(buf, off, HTYPE_ETHERNET);
        NetworkOrder.putU16(buf, off + 2, EtherType.IPV4);
        buf[off + 4] = 6;
        buf[off + 5] = 4;
        NetworkOrder.putU16(buf, off + 6, operation);
        senderMac.write(buf, off + 8);
        senderIp.write(buf, off + 14);
        targetMac.write(buf, off + 18);
        targetIp.write(buf, off + 24);
    }
}
