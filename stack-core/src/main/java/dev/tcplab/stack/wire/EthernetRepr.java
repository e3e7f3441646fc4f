package dev.tcplab.stack.wire;

/** An Ethernet II header as values. */
public record EthernetRepr(MacAddress src, MacAddress dst, int etherType) {
    /** From a view whose check() returned OK. */
    public static EthernetRepr parse(EthernetFrame frame) {
        return new EthernetRepr(frame.src(), frame.dst(), frame.etherType());
    }

    /** Writes the 14-byte header at off. */
    public void emit(byte[] buf, int off) {
        dst.write(buf, off);
        src.write(buf, off + 6);
        NetworkOrder.putU16(buf, off + 12, etherType);
    }
}
