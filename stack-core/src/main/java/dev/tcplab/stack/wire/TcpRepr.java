package dev.tcplab.stack.wire;

/** A TCP segment as values. seq/ack are raw 32-bit values (compare with wrap-around arithmetic). */
public record TcpRepr(int srcPort, int dstPort, int seq, int ack, int flags, int window, int urgent,
                      TcpOptions options, byte[] payload) {
    /** From a view whose check() returned OK (checksum not looked at). Copies the payload. */
    public static TcpRepr parse(TcpPacket packet) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public boolean has(int flag) { return (flags & flag) != 0; }

    public int headerLength() { return TcpPacket.MIN_HEADER_LEN + options.length(); }

    public int length() { return headerLength() + payload.length; }

    /** Sequence space: payload + 1 for SYN + 1 for FIN. */
    public int segmentLength() {
        return payload.length + ((flags & TcpFlags.SYN) != 0 ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
    }

    /** Writes header, options, payload at off, with a correct checksum over the pseudo header. */
    public void emit(byte[] buf, int off, Ipv4Address src, Ipv4Address dst) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
