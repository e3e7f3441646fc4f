package dev.tcplab.stack.wire;

/** An IPv4 address, big-endian value in an int (so 192.0.2.1 is 0xC0000201). */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** Parses dotted quad; IllegalArgumentException on bad text. */
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address is null");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: '" + text + "'");
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address (bad octet '" + part + "'): '" + text + "'");
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("not a dotted-quad IPv4 address (bad octet '" + part + "'): '" + text + "'");
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address (octet " + octet + " > 255): '" + text + "'");
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4Address(bits);
    }

    public static Ipv4Address read(byte[] buf, int off) {
        return new Ipv4Address(NetworkOrder.i32(buf, off));
    }

    public void write(byte[] buf, int off) {
        NetworkOrder.putI32(buf, off, bits);
    }

    public boolean isAny() { return bits == 0; }

    public boolean isMulticast() { return (bits >>> 28) == 0xE; }

    public boolean isBroadcast() { return bits == -1; }

    /** True if this and other share the first prefixLen bits; IllegalArgumentException unless 0..32. */
    public boolean sameSubnet(Ipv4Address other, int prefixLen) {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLen);
        }
        if (prefixLen == 0) {
            return true;
        }
        int mask = -1 << (32 - prefixLen);
        return (bits & mask) == (other.bits & mask);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
