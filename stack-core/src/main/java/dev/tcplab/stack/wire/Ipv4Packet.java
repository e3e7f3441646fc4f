package dev.tcplab.stack.wire;

/**
 * A view over an IPv4 packet. {@link #check()} classifies malformed input the way
 * {@code ip_rcv_core} does, without throwing; getters are valid only after OK
 * (or, for the header fields, after anything but TRUNCATED).
 */
public final class Ipv4Packet {
    public static final int MIN_HEADER_LEN = 20;

    private static final int FLAG_DF = 0x4000;
    private static final int FLAG_MF = 0x2000;

    private final byte[] buf;
    private final int off;
    private final int len;

    private Ipv4Packet(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** Never throws; a region outside buf makes {@link #check()} return TRUNCATED. */
    public static Ipv4Packet wrap(byte[] buf, int off, int len) {
        return new Ipv4Packet(buf, off, len);
    }

    /**
     * In ip_rcv_core's order: TRUNCATED (len &lt; 20), BAD_VERSION, BAD_HEADER_LENGTH (ihl &lt; 5 or
     * beyond len), BAD_CHECKSUM (header), TRUNCATED_PACKET (len &lt; total length),
     * BAD_TOTAL_LENGTH (total length &lt; ihl*4), else OK.
     */
    public WireError check() {
        WireError header = checkHeader();
        if (header != WireError.OK) {
            return header;
        }
        if (!verifyChecksum()) {
            return WireError.BAD_CHECKSUM;
        }
        return checkTotalLength();
    }

    /**
     * The checks before the checksum: TRUNCATED, BAD_VERSION, BAD_HEADER_LENGTH, else OK.
     * After OK the header fields and {@link #verifyChecksum()} may be read.
     */
    public WireError checkHeader() {
        if (!NetworkOrder.inBounds(buf, off, len) || len < MIN_HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        if (version() != 4) {
            return WireError.BAD_VERSION;
        }
        // ip_rcv_core: iph->ihl < 5 is an InHdrErrors; pskb_may_pull(ihl*4) failing likewise
        int ihl = headerLength();
        if (ihl < MIN_HEADER_LEN || ihl > len) {
            return WireError.BAD_HEADER_LENGTH;
        }
        return WireError.OK;
    }

    /**
     * The checks after the checksum, for a header that passed {@link #checkHeader()}:
     * TRUNCATED_PACKET (len &lt; total length), BAD_TOTAL_LENGTH (total length &lt; ihl*4), else OK.
     * Lets a caller that skips or overrides the checksum still reject bad lengths.
     */
    public WireError checkTotalLength() {
        int total = totalLength();
        if (len < total) {
            return WireError.TRUNCATED_PACKET;
        }
        if (total < headerLength()) {
            return WireError.BAD_TOTAL_LENGTH;
        }
        return WireError.OK;
    }

    /** ip_fast_csum over the header sums to zero; false for a header that fails {@link #checkHeader()}. */
    public boolean verifyChecksum() {
        if (checkHeader() != WireError.OK) {
            return false;
        }
        return Checksum.sum(buf, off, headerLength(), 0) == 0xffff;
    }

    public int version() { return NetworkOrder.u8(buf, off) >>> 4; }
    /** Header length in bytes (IHL * 4). */
    public int headerLength() { return (NetworkOrder.u8(buf, off) & 0x0f) * 4; }
    public int tos() { return NetworkOrder.u8(buf, off + 1); }
    public int totalLength() { return NetworkOrder.u16(buf, off + 2); }
    public int ident() { return NetworkOrder.u16(buf, off + 4); }
    public boolean dontFragment() { return (NetworkOrder.u16(buf, off + 6) & FLAG_DF) != 0; }
    public boolean moreFragments() { return (NetworkOrder.u16(buf, off + 6) & FLAG_MF) != 0; }
    /** Fragment offset in bytes. */
    public int fragmentOffset() { return (NetworkOrder.u16(buf, off + 6) & 0x1fff) * 8; }
    /** True for any fragment (MF set or offset non-zero): its payload is not a whole transport segment. */
    public boolean isFragment() { return moreFragments() || fragmentOffset() != 0; }
    public int ttl() { return NetworkOrder.u8(buf, off + 8); }
    public int protocol() { return NetworkOrder.u8(buf, off + 9); }
    public int checksum() { return NetworkOrder.u16(buf, off + 10); }
    public Ipv4Address src() { return Ipv4Address.read(buf, off + 12); }
    public Ipv4Address dst() { return Ipv4Address.read(buf, off + 16); }
    public byte[] buffer() { return buf; }
    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() { return off + headerLength(); }
    /** totalLength - headerLength (valid after OK). */
    public int payloadLength() { return totalLength() - headerLength(); }
}
