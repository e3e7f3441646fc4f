package dev.tcplab.stack.wire;

/** An IPv4 header without options, as values. */
public record Ipv4Repr(Ipv4Address src, Ipv4Address dst, int protocol, int ttl, int tos,
                       int ident, boolean dontFragment, int payloadLength) {
    public static final int HEADER_LEN = 20;

    /** From a view whose check() returned OK. */
    public static Ipv4Repr parse(Ipv4Packet packet) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public int totalLength() { return HEADER_LEN + payloadLength; }

    /** Writes the 20-byte header at off, with a correct header checksum. */
    public void emit(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
