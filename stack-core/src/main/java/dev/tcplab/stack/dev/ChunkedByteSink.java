package dev.tcplab.stack.dev;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a link's pcap accumulates: chunks of 4 KiB growing to 64 KiB, so a long capture never
 * copies what it already holds (a ByteArrayOutputStream doubles and copies its whole buffer as
 * it grows) and a short one stays small.
 */
final class ChunkedByteSink extends OutputStream {
    private static final int FIRST = 1 << 12;
    private static final int MAX = 1 << 16;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] last;
    private int used; // bytes used in last
    private long size;

    private void next() {
        last = new byte[(int) Math.min(MAX, Math.max(FIRST, size))];
        chunks.add(last);
        used = 0;
    }

    @Override
    public void write(int b) {
        if (last == null || used == last.length) {
            next();
        }
        last[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (last == null || used == last.length) {
                next();
            }
            int n = Math.min(len, last.length - used);
            System.arraycopy(b, off, last, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("capture of " + size + " bytes does not fit in one array");
        }
        byte[] r = new byte[(int) size];
        int pos = 0;
        for (byte[] c : chunks) {
            int n = c == last ? used : c.length;
            System.arraycopy(c, 0, r, pos, n);
            pos += n;
        }
        return r;
    }
}
