package dev.tcplab.stack.wire;

/** Builds whole Ethernet frames from representations, and decodes them for traces and reports. */
public final class Frames {
    private Frames() {}

    /** Ethernet + IPv4 (payloadLength taken from tcp) + TCP with both checksums right. */
    public static byte[] tcp(MacAddress src, MacAddress dst, Ipv4Repr ip, TcpRepr tcp) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static byte[] arp(MacAddress src, MacAddress dst, ArpRepr arp) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Decodes as far as the bytes allow; never throws. */
    public static DecodedFrame decode(byte[] frame) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
