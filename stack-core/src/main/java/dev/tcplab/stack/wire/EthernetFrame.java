package dev.tcplab.stack.wire;

/**
 * A view over an Ethernet II frame (no FCS). Getters read the bytes; nothing is copied.
 * {@link #check()} must be called before the getters; it never throws.
 */
public final class EthernetFrame {
    public static final int HEADER_LEN = 14;

    private EthernetFrame(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static EthernetFrame wrap(byte[] buf) { return wrap(buf, 0, buf.length); }

    public static EthernetFrame wrap(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** OK, or TRUNCATED when shorter than 14 bytes. */
    public WireError check() { throw new UnsupportedOperationException("wire: TODO"); }

    public MacAddress dst() { throw new UnsupportedOperationException("wire: TODO"); }
    public MacAddress src() { throw new UnsupportedOperationException("wire: TODO"); }
    public int etherType() { throw new UnsupportedOperationException("wire: TODO"); }
    public byte[] buffer() { throw new UnsupportedOperationException("wire: TODO"); }
    public int payloadOffset() { throw new UnsupportedOperationException("wire: TODO"); }
    public int payloadLength() { throw new UnsupportedOperationException("wire: TODO"); }
}
