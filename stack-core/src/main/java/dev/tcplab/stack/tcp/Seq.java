package dev.tcplab.stack.tcp;

/** 32-bit sequence number comparisons with wrap-around (include/net/tcp.h before/after/between). */
public final class Seq {
    private Seq() {}

    public static boolean before(int a, int b) {
        return a - b < 0;
    }

    public static boolean after(int a, int b) {
        return before(b, a);
    }

    /** seq2 &lt;= seq1 &lt;= seq3, all modulo 2^32. */
    public static boolean between(int seq1, int seq2, int seq3) {
        return Integer.compareUnsigned(seq3 - seq2, seq1 - seq2) >= 0;
    }

    public static long unsigned(int v) {
        return v & 0xFFFFFFFFL;
    }
}
