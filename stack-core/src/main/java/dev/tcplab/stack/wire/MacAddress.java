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
        if (text == null) {
            throw new IllegalArgumentException("MAC address is null");
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (want six hex pairs like 02:00:00:00:00:01): '" + text + "'");
        }
        long bits = 0;
        for (String part : parts) {
            if (part.length() != 2 || Character.digit(part.charAt(0), 16) < 0 || Character.digit(part.charAt(1), 16) < 0) {
                throw new IllegalArgumentException("not a MAC address (bad octet '" + part + "'): '" + text + "'");
            }
            bits = (bits << 8) | Integer.parseInt(part, 16);
        }
        return new MacAddress(bits);
    }

    public static MacAddress read(byte[] buf, int off) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = (bits << 8) | (buf[off + i] & 0xff);
        }
        return new MacAddress(bits);
    }

    public void write(byte[] buf, int off) {
        for (int i = 0; i < 6; i++) {
            buf[off + i] = (byte) (bits >>> (40 - 8 * i));
        }
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int octet = (int) (bits >>> (40 - 8 * i)) & 0xff;
            sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return sb.toString();
    }
}
