package dev.tcplab.stack.wire;

/** An Ethernet/IPv4 ARP packet (RFC 826) as values. */
public record ArpRepr(int operation, MacAddress senderMac, Ipv4Address senderIp,
                      MacAddress targetMac, Ipv4Address targetIp) {
    public static final int LEN = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    /** Returns null when the bytes are short or not Ethernet/IPv4 ARP (never throws). */
    public static ArpRepr parse(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public void emit(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
