package dev.tcplab.stack.tcp;

/** include/net/tcp_states.h, with the names the kernel and ss use. */
public enum TcpState {
    TCP_ESTABLISHED(1, "ESTAB"),
    TCP_SYN_SENT(2, "SYN-SENT"),
    TCP_SYN_RECV(3, "SYN-RECV"),
    TCP_FIN_WAIT1(4, "FIN-WAIT-1"),
    TCP_FIN_WAIT2(5, "FIN-WAIT-2"),
    TCP_TIME_WAIT(6, "TIME-WAIT"),
    TCP_CLOSE(7, "UNCONN"),
    TCP_CLOSE_WAIT(8, "CLOSE-WAIT"),
    TCP_LAST_ACK(9, "LAST-ACK"),
    TCP_LISTEN(10, "LISTEN"),
    TCP_CLOSING(11, "CLOSING"),
    /** A request sock (struct request_sock) between SYN and the third ACK; ss shows SYN-RECV. */
    TCP_NEW_SYN_RECV(12, "SYN-RECV");

    private final int value;
    private final String ssName;

    TcpState(int value, String ssName) {
        this.value = value;
        this.ssName = ssName;
    }

    /** sk->sk_state's value (what /proc/net/tcp prints in hex). */
    public int value() {
        return value;
    }

    /** As `ss` prints it. */
    public String ssName() {
        return ssName;
    }

    /** TCPF_x: 1 << value. */
    public int flag() {
        return 1 << value;
    }

    /** Fixed-arity forms of {@link #in(TcpState...)}: the hot paths ask often, and a varargs array each time showed in profiles. */
    public boolean in(TcpState a, TcpState b) {
        return this == a || this == b;
    }

    public boolean in(TcpState a, TcpState b, TcpState c) {
        return this == a || this == b || this == c;
    }

    public boolean in(TcpState a, TcpState b, TcpState c, TcpState d) {
        return this == a || this == b || this == c || this == d;
    }

    public boolean in(TcpState a, TcpState b, TcpState c, TcpState d, TcpState e) {
        return this == a || this == b || this == c || this == d || this == e;
    }

    public boolean in(TcpState... states) {
        for (TcpState s : states) {
            if (s == this) {
                return true;
            }
        }
        return false;
    }
}
