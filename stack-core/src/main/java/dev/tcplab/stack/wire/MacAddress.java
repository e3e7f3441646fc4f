package dev.tcplab.stack.wire;

/** A 48-bit Ethernet address held in the low 48 bits of a long. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        bits &= 0xFFFF_FFFF_FFFFL;
    }

    /** Parses {@code 02:00:00:00:00:01}; throws IllegalArgumentException on bad text (not a receive path). */
    public static MacAddress parse(String text) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static MacAddress read(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public void write(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
