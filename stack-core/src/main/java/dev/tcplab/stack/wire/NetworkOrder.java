package dev.tcplab.stack.wire;

/**
 * Big-endian field access for the views, and the one bounds rule they share: a region is
 * usable only if it lies wholly inside its array (so check() can refuse it instead of throwing).
 */
final class NetworkOrder {
    private NetworkOrder() {}

    /** True when [off, off+len) lies inside buf; false for null, negative or overflowing values. */
    static boolean inBounds(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length - len;
    }

    static int u8(byte[] buf, int off) {
        return buf[off] & 0xff;
    }

    static int u16(byte[] buf, int off) {
        return ((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff);
    }

    static int i32(byte[] buf, int off) {
        return ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16)
                | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    }

    static void putU16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }

    static void putI32(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
