package dev.tcplab.stack.wire;

/** An Ethernet II header as values. */
public record EthernetRepr(MacAddress src, MacAddress dst, int etherType) {
    public static EthernetRepr parse(EthernetFrame frame) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Writes the 14-byte header at off. */
    public void emit(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
