package dev.tcplab.stack.linux;

import dev.tcplab.stack.wire.Ipv4Address;

/**
 * The documentation ranges of RFC 5737 (TEST-NET-1/2/3). Namespaces the lab creates only ever
 * get addresses from these, so a lab can never collide with a real network on the machine.
 */
public final class TestNet {
    private static final int[] NETS = {0xC0000200, 0xC6336400, 0xCB007100}; // 192.0.2.0, 198.51.100.0, 203.0.113.0

    private TestNet() {}

    /** An address with its prefix, as `ip addr add` wants it. */
    public record Cidr(Ipv4Address address, int prefix) {
        @Override
        public String toString() {
            return address + "/" + prefix;
        }
    }

    /**
     * Parses "192.0.2.2/24" (prefix defaults to 24) and refuses anything outside TEST-NET,
     * including a prefix shorter than /24 that would spill out of the range.
     */
    public static Cidr require(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an address/prefix: '" + cidr + "'");
        }
        Ipv4Address address = Ipv4Address.parse(parts[0]);
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 24;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
        }
        if (!contains(address) || prefix < 24 || prefix > 32) {
            throw new IllegalArgumentException("refusing address " + cidr + ": lab namespaces only use the TEST-NET ranges"
                    + " 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) with a prefix of /24 to /32");
        }
        return new Cidr(address, prefix);
    }

    public static boolean contains(Ipv4Address address) {
        for (int net : NETS) {
            if ((address.bits() & 0xFFFFFF00) == net) {
                return true;
            }
        }
        return false;
    }
}
