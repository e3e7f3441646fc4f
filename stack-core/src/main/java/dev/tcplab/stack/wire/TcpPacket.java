package dev.tcplab.stack.wire;

/** A view over a TCP segment (header + payload) inside an IPv4 payload. */
public final class TcpPacket {
    public static final int MIN_HEADER_LEN = 20;

    private final byte[] buf;
    private final int off;
    private final int len;

    private TcpPacket(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** Never throws; a region outside buf makes {@link #check()} return TRUNCATED. */
    public static TcpPacket wrap(byte[] buf, int off, int len) {
        return new TcpPacket(buf, off, len);
    }

    /**
     * In tcp_v4_rcv's order: TRUNCATED (len &lt; 20: pskb_may_pull fails), BAD_DATA_OFFSET (doff &lt; 5),
     * OPTIONS_TRUNCATED (doff*4 &gt; len), else OK. The checksum is checked separately.
     */
    public WireError check() {
        if (!NetworkOrder.inBounds(buf, off, len) || len < MIN_HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        int hlen = headerLength();
        if (hlen < MIN_HEADER_LEN) {
            return WireError.BAD_DATA_OFFSET;
        }
        if (hlen > len) {
            return WireError.OPTIONS_TRUNCATED;
        }
        return WireError.OK;
    }

    /**
     * tcp_v4_checksum_init / __skb_checksum_complete: the sum over the pseudo header and the whole
     * segment is 0xffff. False (never throws) when the region lies outside the buffer.
     */
    public boolean verifyChecksum(Ipv4Address src, Ipv4Address dst) {
        if (!NetworkOrder.inBounds(buf, off, len) || len > 0xffff) {
            return false;
        }
        int pseudo = Checksum.pseudoHeader(src, dst, IpProtocol.TCP, len);
        return Checksum.sum(buf, off, len, pseudo) == 0xffff;
    }

    public int srcPort() { return NetworkOrder.u16(buf, off); }
    public int dstPort() { return NetworkOrder.u16(buf, off + 2); }
    public int seq() { return NetworkOrder.i32(buf, off + 4); }
    public int ack() { return NetworkOrder.i32(buf, off + 8); }
    /** Header length in bytes (data offset * 4). */
    public int headerLength() { return (NetworkOrder.u8(buf, off + 12) >>> 4) * 4; }
    /** The eight flag bits of byte 13 (CWR..FIN); see {@link TcpFlags}. */
    public int flags() { return NetworkOrder.u8(buf, off + 13); }
    public int window() { return NetworkOrder.u16(buf, off + 14); }
    public int checksum() { return NetworkOrder.u16(buf, off + 16); }
    public int urgent() { return NetworkOrder.u16(buf, off + 18); }
    public byte[] buffer() { return buf; }
    /** Absolute offset of the options in {@link #buffer()}. */
    public int optionsOffset() { return off + MIN_HEADER_LEN; }
    /** headerLength - 20 (valid after OK). */
    public int optionsLength() { return headerLength() - MIN_HEADER_LEN; }
    public int payloadOffset() { return off + headerLength(); }
    public int payloadLength() { return len - headerLength(); }
}
