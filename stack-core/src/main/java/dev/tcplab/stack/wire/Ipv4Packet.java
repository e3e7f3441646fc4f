package dev.tcplab.stack.wire;

/**
 * A view over an IPv4 packet. {@link #check()} classifies malformed input the way
 * {@code ip_rcv_core} does, without throwing; getters are valid only after OK
 * (or, for the header fields, after anything but TRUNCATED).
 */
public final class Ipv4Packet {
    public static final int MIN_HEADER_LEN = 20;

    private Ipv4Packet(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static Ipv4Packet wrap(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /**
     * In ip_rcv_core's order: TRUNCATED (len &lt; 20), BAD_VERSION, BAD_HEADER_LENGTH (ihl &lt; 5 or
     * beyond len), BAD_CHECKSUM (header), TRUNCATED_PACKET (len &lt; total length),
     * BAD_TOTAL_LENGTH (total length &lt; ihl*4), else OK.
     */
    public WireError check() { throw new UnsupportedOperationException("wire: TODO"); }

    public int version() { throw new UnsupportedOperationException("wire: TODO"); }
    /** Header length in bytes (IHL * 4). */
    public int headerLength() { throw new UnsupportedOperationException("wire: TODO"); }
    public int tos() { throw new UnsupportedOperationException("wire: TODO"); }
    public int totalLength() { throw new UnsupportedOperationException("wire: TODO"); }
    public int ident() { throw new UnsupportedOperationException("wire: TODO"); }
    public boolean dontFragment() { throw new UnsupportedOperationException("wire: TODO"); }
    public boolean moreFragments() { throw new UnsupportedOperationException("wire: TODO"); }
    /** Fragment offset in bytes. */
    public int fragmentOffset() { throw new UnsupportedOperationException("wire: TODO"); }
    public int ttl() { throw new UnsupportedOperationException("wire: TODO"); }
    public int protocol() { throw new UnsupportedOperationException("wire: TODO"); }
    public int checksum() { throw new UnsupportedOperationException("wire: TODO"); }
    public Ipv4Address src() { throw new UnsupportedOperationException("wire: TODO"); }
    public Ipv4Address dst() { throw new UnsupportedOperationException("wire: TODO"); }
    public byte[] buffer() { throw new UnsupportedOperationException("wire: TODO"); }
    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() { throw new UnsupportedOperationException("wire: TODO"); }
    /** totalLength - headerLength (valid after OK). */
    public int payloadLength() { throw new UnsupportedOperationException("wire: TODO"); }
}
