package dev.tcplab.stack.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A TCP segment as values. seq/ack are raw 32-bit values (compare with wrap-around arithmetic).
 * A null options/payload becomes {@link TcpOptions#NONE} / an empty array; equals/hashCode
 * compare the payload by content.
 */
public record TcpRepr(int srcPort, int dstPort, int seq, int ack, int flags, int window, int urgent,
                      TcpOptions options, byte[] payload) {
    private static final byte[] EMPTY = new byte[0];

    public TcpRepr {
        options = options == null ? TcpOptions.NONE : options;
        payload = payload == null ? EMPTY : payload;
    }

    /** From a view whose check() returned OK (checksum not looked at). Copies the payload. */
    public static TcpRepr parse(TcpPacket packet) {
        byte[] buf = packet.buffer();
        TcpOptions options = TcpOptions.parse(buf, packet.optionsOffset(), packet.optionsLength());
        int p = packet.payloadOffset();
        byte[] payload = packet.payloadLength() == 0 ? EMPTY : Arrays.copyOfRange(buf, p, p + packet.payloadLength());
        return new TcpRepr(packet.srcPort(), packet.dstPort(), packet.seq(), packet.ack(), packet.flags(),
                packet.window(), packet.urgent(), options, payload);
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
        int hlen = headerLength();
        NetworkOrder.putU16(buf, off, srcPort);
        NetworkOrder.putU16(buf, off + 2, dstPort);
        NetworkOrder.putI32(buf, off + 4, seq);
        NetworkOrder.putI32(buf, off + 8, ack);
        buf[off + 12] = (byte) ((hlen / 4) << 4);
        buf[off + 13] = (byte) flags;
        NetworkOrder.putU16(buf, off + 14, window);
        NetworkOrder.putU16(buf, off + 16, 0);
        NetworkOrder.putU16(buf, off + 18, urgent);
        options.emit(buf, off + TcpPacket.MIN_HEADER_LEN);
        System.arraycopy(payload, 0, buf, off + hlen, payload.length);
        int len = length();
        int pseudo = Checksum.pseudoHeader(src, dst, IpProtocol.TCP, len);
        NetworkOrder.putU16(buf, off + 16, ~Checksum.sum(buf, off, len, pseudo) & 0xffff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpRepr t && srcPort == t.srcPort && dstPort == t.dstPort && seq == t.seq
                && ack == t.ack && flags == t.flags && window == t.window && urgent == t.urgent
                && options.equals(t.options) && Arrays.equals(payload, t.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(srcPort, dstPort, seq, ack, flags, window, urgent, options) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "TcpRepr[" + srcPort + ">" + dstPort + " " + TcpFlags.tcpdump(flags)
                + " seq=" + Integer.toUnsignedString(seq) + " ack=" + Integer.toUnsignedString(ack)
                + " win=" + window + (urgent != 0 ? " urg=" + urgent : "") + " " + options
                + " len=" + payload.length + "]";
    }
}
