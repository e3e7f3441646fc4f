package dev.tcplab.stack.wire;

/** An IPv4 header without options, as values. */
public record Ipv4Repr(Ipv4Address src, Ipv4Address dst, int protocol, int ttl, int tos,
                       int ident, boolean dontFragment, int payloadLength) {
    public static final int HEADER_LEN = 20;

    /** From a view whose check() returned OK. IP options, if any, are skipped (not kept). */
    public static Ipv4Repr parse(Ipv4Packet packet) {
        return new Ipv4Repr(packet.src(), packet.dst(), packet.protocol(), packet.ttl(), packet.tos(),
                packet.ident(), packet.dontFragment(), packet.payloadLength());
    }

    public int totalLength() { return HEADER_LEN + payloadLength; }

    /** Writes the 20-byte header at off, with a correct header checksum. */
    public void emit(byte[] buf, int off) {
        buf[off] = 0x45; // version 4, IHL 5
        buf[off + 1] = (byte) tos;
        NetworkOrder.putU16(buf, off + 2, totalLength());
        NetworkOrder.putU16(buf, off + 4, ident);
        NetworkOrder.putU16(buf, off + 6, dontFragment ? 0x4000 : 0);
        buf[off + 8] = (byte) ttl;
        buf[off + 9] = (byte) protocol;
        NetworkOrder.putU16(buf, off + 10, 0);
        src.write(buf, off + 12);
        dst.write(buf, off + 16);
        NetworkOrder.putU16(buf, off + 10, Checksum.compute(buf, off, HEADER_LEN));
    }
}
