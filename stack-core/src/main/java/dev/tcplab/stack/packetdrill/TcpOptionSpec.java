package dev.tcplab.stack.packetdrill;

/** One option of a script packet's {@code <...>} list, in script order. */
record TcpOptionSpec(int kind, long a, long b, long[] sack) {
    static final int EOL = 0;
    static final int NOP = 1;
    static final int MSS = 2;
    static final int WSCALE = 3;
    static final int SACK_PERM = 4;
    static final int SACK = 5;
    static final int TS = 8;

    /** Wire length of the option. */
    int length() {
        return switch (kind) {
            case EOL, NOP -> 1;
            case MSS -> 4;
            case WSCALE -> 3;
            case SACK_PERM -> 2;
            case TS -> 10;
            case SACK -> 2 + 8 * (sack.length / 2);
            default -> throw new IllegalStateException("kind " + kind);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EOL -> "eol";
            case NOP -> "nop";
            case MSS -> "mss " + a;
            case WSCALE -> "wscale " + a;
            case SACK_PERM -> "sackOK";
            case TS -> "TS val " + a + " ecr " + b;
            default -> {
                StringBuilder sb = new StringBuilder("sack");
                for (int i = 0; i < sack.length; i += 2) {
                    sb.append(' ').append(sack[i]).append(':').append(sack[i + 1]);
                }
                yield sb.toString();
            }
        };
    }
}
