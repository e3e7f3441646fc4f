package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Timer;

/**
 * A request sock (struct request_sock / tcp_request_sock) in TCP_NEW_SYN_RECV: what the
 * server keeps between the SYN and the third ACK. It lives in the established hash, so the
 * third packet finds it by 4-tuple, and it has its own SYN-ACK timer (reqsk_timer_handler).
 */
public final class RequestSock extends Sock {
    final TcpSock listener;
    int rcvIsn;
    int rcvNxt;
    int sntIsn;
    /** Peer's MSS (mss_clamp from its SYN, 536 without the option). */
    int mss;
    boolean wscaleOk;
    int sndWscale;
    int rcvWscale;
    boolean sackOk;
    boolean tstampOk;
    int tsRecent;
    int tsOff;
    int rcvWnd;
    int windowClamp;
    int numRetrans;
    int numTimeout;
    /** req->timeout: TCP_TIMEOUT_INIT, in nanoseconds. */
    long timeout;
    /** inet_rsk(req)->acked: the third ACK came but the accept queue was full (or defer accept). */
    boolean acked;
    /** jiffies of the last out-of-window ACK sent, for tcp_oow_rate_limited; -1 = never. */
    long lastOowAckTime = -1;
    /** When the first SYN-ACK was sent (for the first RTT sample). */
    long sntSynack;
    boolean cookie;
    Timer rskTimer;

    RequestSock(String id, TcpSock listener) {
        super(id, TcpState.TCP_NEW_SYN_RECV);
        this.listener = listener;
    }

    public int numRetrans() {
        return numRetrans;
    }

    public int numTimeout() {
        return numTimeout;
    }

    public boolean acked() {
        return acked;
    }

    public TcpSock listener() {
        return listener;
    }

    /** Time left on the request timer, or -1. */
    public long timerExpires() {
        return rskTimer != null && rskTimer.pending() ? rskTimer.expires() : -1;
    }
}
