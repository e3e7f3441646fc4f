package dev.tcplab.stack.wire;

/** An IPv4 address, big-endian value in an int (so 192.0.2.1 is 0xC0000201). */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** Parses dotted quad; IllegalArgumentException on bad text. */
    public static Ipv4Address parse(String text) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public static Ipv4Address read(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public void write(byte[] buf, int off) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    public boolean isAny() { return bits == 0; }

    public boolean isMulticast() { return (bits >>> 28) == 0xE; }

    public boolean isBroadcast() { return bits == -1; }

    /** True if this and other share the first prefixLen bits. */
    public boolean sameSubnet(Ipv4Address other, int prefixLen) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
