package dev.tcplab.stack.wire;

/** RFC 1071 internet checksum. */
public final class Checksum {
    private Checksum() {}

    /** One's-complement sum of the bytes folded to 16 bits, NOT complemented; start with 0. */
    public static int sum(byte[] buf, int off, int len, int initial) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Sum of the IPv4 pseudo header (not complemented). */
    public static int pseudoHeader(Ipv4Address src, Ipv4Address dst, int protocol, int length) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Final complemented checksum over bytes. */
    public static int compute(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
