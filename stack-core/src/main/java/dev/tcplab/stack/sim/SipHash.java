package dev.tcplab.stack.sim;

/**
 * SipHash-2-4 over 32-bit words, as lib/siphash.c's siphash_3u32/siphash_4u32 use it for
 * ISNs, timestamp offsets, ephemeral port offsets and SYN cookies. Words are taken
 * little-endian, as the kernel reads them on x86.
 */
public final class SipHash {
    private final long k0;
    private final long k1;

    public SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    public long hash3(int a, int b, int c) {
        long m0 = (a & 0xFFFFFFFFL) | ((long) b << 32);
        long last = (c & 0xFFFFFFFFL) | (12L << 56);
        return finish(m0, last, false, 0);
    }

    public long hash4(int a, int b, int c, int d) {
        long m0 = (a & 0xFFFFFFFFL) | ((long) b << 32);
        long m1 = (c & 0xFFFFFFFFL) | ((long) d << 32);
        return finish(m0, 16L << 56, true, m1);
    }

    private long finish(long m0, long last, boolean twoWords, long m1) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        long[] v = {v0, v1, v2, v3};
        compress(v, m0);
        if (twoWords) {
            compress(v, m1);
        }
        compress(v, last);
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }
}
