package dev.tcplab.stack.wire;

/** A view over a TCP segment (header + payload) inside an IPv4 payload. */
public final class TcpPacket {
    public static final int MIN_HEADER_LEN = 20;

    private TcpPacket(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static TcpPacket wrap(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /**
     * In tcp_v4_rcv's order: TRUNCATED (len &lt; 20: pskb_may_pull fails), BAD_DATA_OFFSET (doff &lt; 5),
     * OPTIONS_TRUNCATED (doff*4 &gt; len), else OK. The checksum is checked separately.
     */
    public WireError check() { throw new UnsupportedOperationException("wire: TODO"); }

    public boolean verifyChecksum(Ipv4Address src, Ipv4Address dst) { throw new UnsupportedOperationException("wire: TODO"); }

    public int srcPort() { throw new UnsupportedOperationException("wire: TODO"); }
    public int dstPort() { throw new UnsupportedOperationException("wire: TODO"); }
    public int seq() { throw new UnsupportedOperationException("wire: TODO"); }
    public int ack() { throw new UnsupportedOperationException("wire: TODO"); }
    /** Header length in bytes (data offset * 4). */
    public int headerLength() { throw new UnsupportedOperationException("wire: TODO"); }
    public int flags() { throw new UnsupportedOperationException("wire: TODO"); }
    public int window() { throw new UnsupportedOperationException("wire: TODO"); }
    public int checksum() { throw new UnsupportedOperationException("wire: TODO"); }
    public int urgent() { throw new UnsupportedOperationException("wire: TODO"); }
    public byte[] buffer() { throw new UnsupportedOperationException("wire: TODO"); }
    public int payloadOffset() { throw new UnsupportedOperationException("wire: TODO"); }
    public int payloadLength() { throw new UnsupportedOperationException("wire: TODO"); }
}
