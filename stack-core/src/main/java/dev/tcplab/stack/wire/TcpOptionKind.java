package dev.tcplab.stack.wire;

public final class TcpOptionKind {
    public static final int EOL = 0;
    public static final int NOP = 1;
    public static final int MSS = 2;
    public static final int WINDOW_SCALE = 3;
    public static final int SACK_PERMITTED = 4;
    public static final int SACK = 5;
    public static final int TIMESTAMPS = 8;

    private TcpOptionKind() {}
}
