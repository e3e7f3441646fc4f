package dev.tcplab.stack.wire;

/**
 * A view over an Ethernet II frame (no FCS). Getters read the bytes; nothing is copied.
 * {@link #check()} must be called before the getters; it never throws.
 */
public final class EthernetFrame {
    public static final int HEADER_LEN = 14;

    private final byte[] buf;
    private final int off;
    private final int len;

    private EthernetFrame(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static EthernetFrame wrap(byte[] buf) { return wrap(buf, 0, buf == null ? 0 : buf.length); }

    /** Never throws; a region outside buf makes {@link #check()} return TRUNCATED. */
    public static EthernetFrame wrap(byte[] buf, int off, int len) {
        return new EthernetFrame(buf, off, len);
    }

    /** OK, or TRUNCATED when shorter than 14 bytes (or the region lies outside the buffer). */
    public WireError check() {
        if (!NetworkOrder.inBounds(buf, off, len) || len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        return WireError.OK;
    }

    public MacAddress dst() { return MacAddress.read(buf, off); }
    public MacAddress src() { return MacAddress.read(buf, off + 6); }
    public int etherType() { return NetworkOrder.u16(buf, off + 12); }
    public byte[] buffer() { return buf; }
    public int payloadOffset() { return off + HEADER_LEN; }
    public int payloadLength() { return len - HEADER_LEN; }
}
