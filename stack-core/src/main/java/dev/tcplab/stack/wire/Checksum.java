package dev.tcplab.stack.wire;

/** RFC 1071 internet checksum. */
public final class Checksum {
    private Checksum() {}

    /** One's-complement sum of the bytes folded to 16 bits, NOT complemented; start with 0. */
    public static int sum(byte[] buf, int off, int len, int initial) {
        long acc = initial & 0xffffL;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            acc += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        if (i < end) {
            // odd length: the last byte is padded with a zero byte (RFC 1071 section 4.1)
            acc += (buf[i] & 0xff) << 8;
        }
        return fold(acc);
    }

    /** Sum of the IPv4 pseudo header (not complemented). */
    public static int pseudoHeader(Ipv4Address src, Ipv4Address dst, int protocol, int length) {
        long acc = (src.bits() >>> 16) + (src.bits() & 0xffff)
                + (dst.bits() >>> 16) + (dst.bits() & 0xffff)
                + (protocol & 0xff) + (length & 0xffff);
        return fold(acc);
    }

    /** Final complemented checksum over bytes. */
    public static int compute(byte[] buf, int off, int len) {
        return ~sum(buf, off, len, 0) & 0xffff;
    }

    static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }
}
