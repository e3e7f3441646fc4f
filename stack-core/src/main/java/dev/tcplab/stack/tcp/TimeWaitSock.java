package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Timer;

/**
 * A timewait minisock (struct inet_timewait_sock / tcp_timewait_sock): what remains of a
 * connection in TIME_WAIT, or of an orphaned one in FIN_WAIT2 (substate), in the established hash.
 */
public final class TimeWaitSock extends Sock {
    /** TCP_FIN_WAIT2 or TCP_TIME_WAIT. */
    TcpState substate;
    int sndNxt;
    int rcvNxt;
    int rcvWnd;
    int rcvWscale;
    int tsRecent;
    long tsRecentStamp;
    int tsOffset;
    boolean tstampOk;
    long lastOowAckTime = -1;
    Timer timer;

    TimeWaitSock(String id) {
        super(id, TcpState.TCP_TIME_WAIT);
    }

    public TcpState substate() {
        return substate;
    }

    public long timerExpires() {
        return timer != null && timer.pending() ? timer.expires() : -1;
    }
}
