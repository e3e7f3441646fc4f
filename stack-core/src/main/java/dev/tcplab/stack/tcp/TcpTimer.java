package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Errno;

/**
 * net/ipv4/tcp_timer.c: the retransmission timer (SYN backoff with tcp_syn_linear_timeouts,
 * tcp_write_timeout's give-up rule), the delayed-ACK timer, the keepalive timer as used for
 * FIN_WAIT2, and the zero-window probe.
 */
public final class TcpTimer {
    private final Tcp tcp;

    TcpTimer(Tcp tcp) {
        this.tcp = tcp;
    }

    /** inet_csk_reset_xmit_timer(ICSK_TIME_RETRANS). */
    void resetXmitTimer(TcpSock sk, long when) {
        if (sk.retransmitTimer == null) {
            sk.retransmitTimer = tcp.loop.kernelTimer(tcp, () -> retransmitTimer(sk));
        }
        sk.retransmitTimer.mod(Math.min(when, rtoMax()));
    }

    void clearRetransmit(TcpSock sk) {
        if (sk.retransmitTimer != null) {
            sk.retransmitTimer.del();
        }
    }

    /** tcp_clear_xmit_timers. */
    void clearXmitTimers(TcpSock sk) {
        clearRetransmit(sk);
        if (sk.delackTimer != null) {
            sk.delackTimer.del();
        }
        if (sk.keepaliveTimer != null) {
            sk.keepaliveTimer.del();
        }
        sk.ackPending = false;
    }

    private long rtoMax() {
        return tcp.sysctl("tcp_rto_max_ms") * Tcp.MS;
    }

    /**
     * tcp_retransmit_timer: TCPTimeouts on every firing; tcp_write_timeout may give up;
     * otherwise retransmit the head, count, and back off — except in SYN_SENT while
     * total_rto &lt;= tcp_syn_linear_timeouts (6.5+: the first SYN RTOs stay at 1 s).
     */
    void retransmitTimer(TcpSock sk) {
        if (sk.state == TcpState.TCP_CLOSE || sk.state == TcpState.TCP_LISTEN) {
            return;
        }
        if (sk.lossProbePending) { // tcp_write_timer_handler: ICSK_TIME_LOSS_PROBE
            tcp.lossProbe.send(sk);
            return;
        }
        if (sk.sndUna == sk.sndNxt) {
            return;
        }
        tcp.fn("tcp_retransmit_timer", () -> sk.state + " retransmits=" + sk.retransmits);
        sk.tlpHigh = false; // tp->tlp_high_seq = 0
        tcp.inc(Counter.TcpExtTCPTimeouts);
        if (writeTimeout(sk)) {
            return;
        }
        boolean synState = sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV;
        if (sk.retransmits > 0) {
            tcp.inc(Counter.TcpExtTCPLostRetransmit);
        }
        // tcp_enter_loss → tcp_init_undo: remember where loss recovery began, for a later undo
        if (!sk.inLoss || !Seq.after(sk.highSeq, sk.sndUna)) {
            sk.inLoss = true;
            sk.undoMarker = sk.sndUna;
            sk.undoRetrans = 0;
            sk.priorCwnd = sk.cwnd;
            sk.priorSsthresh = sk.ssthresh;
        }
        sk.highSeq = sk.sndNxt;
        if (!synState) {
            // tcp_enter_loss: Reno restarts from one segment
            sk.ssthresh = Math.max(TcpOutput.inFlight(sk) / Math.max(1, sk.mssCache) / 2, 2);
            sk.cwnd = 1;
            sk.rttTiming = false;
            sk.rttSeq = 0;
        }
        if (!synState && sk.retransmits == 0) {
            // tcp_retransmit_skb: "Save stamp of the first (attempted) retransmit"
            sk.retransStamp = tcp.tcpTimeStamp();
        }
        sk.retransmits++;
        sk.totalRto++;
        tcp.fn("tcp_retransmit_skb", () -> sk.describe());
        tcp.output.retransmitHead(sk);
        tcp.inc(Counter.TcpRetransSegs);
        sk.undoRetrans++;
        sk.totalRetrans++;
        if (synState) {
            tcp.inc(Counter.TcpExtTCPSynRetrans);
        }
        int linear = tcp.sysctl("tcp_syn_linear_timeouts");
        if (sk.state != TcpState.TCP_SYN_SENT || sk.totalRto > linear) {
            sk.backoff++;
            sk.rto = Math.min(sk.rto << 1, rtoMax());
        }
        resetXmitTimer(sk, clampRtoToUserTimeout(sk));
    }

    /**
     * tcp_write_timeout (6.18). SYN_SENT / SYN_RECV: expired after (TCP_SYNCNT or
     * tcp_syn_retries) retransmissions, plus tcp_syn_linear_timeouts in SYN_SENT — or, whichever
     * comes first, once retransmits_timed_out() says the time a backed-off series of
     * tcp_syn_retries retransmissions from a 1 s RTO would take has elapsed (b2/b2x: with
     * tcp_syn_retries=2 the linear 1 s SYNs reach 7 s after 5 retransmissions, with 1 it is 3 s
     * after 2). Established: retransmits_timed_out() against tcp_retries2, or for an orphan
     * tcp_orphan_retries(); never a plain count. Re-rolls the txhash (TcpTimeoutRehash).
     */
    private boolean writeTimeout(TcpSock sk) {
        tcp.fn("tcp_write_timeout", () -> "retransmits=" + sk.retransmits);
        boolean expired = false;
        int retryUntil;
        if (sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV) {
            retryUntil = sk.synRetries > 0 ? sk.synRetries : tcp.sysctl("tcp_syn_retries");
            int maxRetransmits = retryUntil;
            if (sk.state == TcpState.TCP_SYN_SENT) {
                maxRetransmits += tcp.sysctl("tcp_syn_linear_timeouts");
            }
            expired = sk.retransmits >= maxRetransmits;
        } else {
            retryUntil = tcp.sysctl("tcp_retries2");
            if (sk.dead) {
                boolean alive = sk.rto < rtoMax();
                retryUntil = orphanRetries(alive);
            }
        }
        if (!expired) {
            expired = retransmitsTimedOut(sk, retryUntil, sk.userTimeoutMs);
        }
        if (expired) {
            writeErr(sk);
            return true;
        }
        // sk_rethink_txhash (net.core.txrehash 1): every timeout that does not give up picks a new
        // path hash, in every state (t2: 4 RTOs, TimeoutRehash 4; u1: 2 SYN RTOs, 2)
        tcp.inc(Counter.TcpExtTcpTimeoutRehash);
        return false;
    }

    /**
     * tcp_orphan_retries: tcp_orphan_retries, where 0 means 8 while the RTO is below its maximum
     * ("the socket sent something recently") and 0 once it reached it.
     */
    private int orphanRetries(boolean alive) {
        int retries = tcp.sysctl("tcp_orphan_retries");
        return retries == 0 && alive ? 8 : retries;
    }

    /**
     * retransmits_timed_out(sk, boundary, 0): false before the first retransmission; else whether
     * the millisecond clock has run tcp_model_timeout(boundary) past retrans_stamp (the first
     * SYN for a connect, the first retransmission otherwise). The model's base is the initial
     * RTO in the SYN states (tcp_timeout_init) and TCP_RTO_MIN (200 ms) otherwise.
     */
    boolean retransmitsTimedOut(TcpSock sk, int boundary, int userTimeoutMs) {
        if (sk.retransmits == 0) {
            return false;
        }
        long timeout = userTimeoutMs;
        if (timeout == 0) {
            boolean syn = sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV;
            long rtoBaseMs = (syn ? Tcp.TCP_TIMEOUT_INIT : Tcp.TCP_RTO_MIN) / Tcp.MS;
            timeout = modelTimeoutMs(boundary, rtoBaseMs, rtoMax() / Tcp.MS);
        }
        return tcp.tcpTimeStamp() - (int) sk.retransStamp - timeout >= 0;
    }

    /**
     * tcp_clamp_rto_to_user_timeout: with TCP_USER_TIMEOUT the next retransmission timer fires no
     * later than the user timeout's deadline (counted from retrans_stamp), at once when it passed.
     */
    private long clampRtoToUserTimeout(TcpSock sk) {
        if (sk.userTimeoutMs == 0) {
            return sk.rto;
        }
        long elapsedMs = tcp.tcpTimeStamp() - (int) sk.retransStamp;
        long remainingMs = sk.userTimeoutMs - elapsedMs;
        if (remainingMs <= 0) {
            return 1; // "user timeout has passed; fire ASAP"
        }
        return Math.min(sk.rto, remainingMs * Tcp.MS);
    }

    /**
     * tcp_model_timeout: the time (ms) that boundary retransmissions take when the RTO starts at
     * rtoBase and doubles up to rtoMax, then stays there.
     */
    static long modelTimeoutMs(int boundary, long rtoBaseMs, long rtoMaxMs) {
        int linearBackoffThresh = 63 - Long.numberOfLeadingZeros(Math.max(1, rtoMaxMs / rtoBaseMs));
        if (boundary <= linearBackoffThresh) {
            return ((2L << boundary) - 1) * rtoBaseMs;
        }
        return ((2L << linearBackoffThresh) - 1) * rtoBaseMs + (long) (boundary - linearBackoffThresh) * rtoMaxMs;
    }

    /** tcp_write_err: ETIMEDOUT, tcp_done, TCPAbortOnTimeout. */
    private void writeErr(TcpSock sk) {
        tcp.fn("tcp_write_err", "ETIMEDOUT");
        sk.skErr = Errno.ETIMEDOUT;
        tcp.done(sk);
        tcp.inc(Counter.TcpExtTCPAbortOnTimeout);
    }

    /**
     * tcp_delack_timer_handler: send the owed ACK. A missed delayed ACK inflates ato (doubled,
     * at most rto), or in pingpong mode leaves pingpong and deflates ato.
     */
    void delackTimer(TcpSock sk) {
        if (!sk.ackPending || sk.state == TcpState.TCP_CLOSE) {
            return;
        }
        tcp.fn("tcp_delack_timer", () -> sk.describe());
        if (sk.pingpong) {
            sk.pingpong = false;
            sk.ato = Tcp.TCP_ATO_MIN;
        } else {
            sk.ato = Math.min(Math.max(sk.ato, Tcp.TCP_ATO_MIN) << 1, sk.rto);
        }
        tcp.output.sendAck(sk);
        tcp.inc(Counter.TcpExtDelayedACKs);
    }

    /** tcp_fin_time: tcp_fin_timeout, at least 3.5 RTO. */
    long finTime(TcpSock sk) {
        long fin = tcp.sysctl("tcp_fin_timeout") * Tcp.SEC;
        long rto = sk.rto;
        return Math.max(fin, (rto << 2) - (rto >> 1));
    }

    /** keepalive_time_when: TCP_KEEPIDLE, else tcp_keepalive_time. */
    long keepaliveTimeWhen(TcpSock sk) {
        return sk.keepaliveTime > 0 ? sk.keepaliveTime : tcp.sysctl("tcp_keepalive_time") * Tcp.SEC;
    }

    /** keepalive_intvl_when: TCP_KEEPINTVL, else tcp_keepalive_intvl. */
    private long keepaliveIntvlWhen(TcpSock sk) {
        return sk.keepaliveIntvl > 0 ? sk.keepaliveIntvl : tcp.sysctl("tcp_keepalive_intvl") * Tcp.SEC;
    }

    /** keepalive_probes: TCP_KEEPCNT, else tcp_keepalive_probes. */
    private int keepaliveProbes(TcpSock sk) {
        return sk.keepaliveProbes > 0 ? sk.keepaliveProbes : tcp.sysctl("tcp_keepalive_probes");
    }

    /** keepalive_time_elapsed: since data (icsk_ack.lrcvtime) or an ACK (rcv_tstamp) last arrived. */
    long keepaliveTimeElapsed(TcpSock sk) {
        long now = tcp.now();
        return Math.min(now - sk.lastRcvTime, now - sk.rcvTstamp);
    }

    /** inet_csk_reset_keepalive_timer (sk->sk_timer: keepalive, and FIN_WAIT2 of an orphan). */
    void resetKeepalive(TcpSock sk, long when) {
        if (sk.keepaliveTimer == null) {
            sk.keepaliveTimer = tcp.loop.kernelTimer(tcp, () -> keepaliveTimer(sk));
        }
        sk.keepaliveTimer.mod(when);
    }

    /**
     * tcp_keepalive_timer: an orphan in FIN_WAIT2 goes to TIME_WAIT (or is reset). Otherwise, for
     * SO_KEEPALIVE: while data is in flight or queued, wait another idle time; once the
     * connection has been idle for keepalive_time_when, send a probe (tcp_write_wakeup →
     * tcp_xmit_probe_skb: an ACK at snd_una - 1, which the peer must answer) every
     * keepalive_intvl_when, and after keepalive_probes unanswered ones reset the connection and
     * fail it with ETIMEDOUT; with TCP_USER_TIMEOUT, once the idle time reaches it with a probe out.
     */
    private void keepaliveTimer(TcpSock sk) {
        if (sk.state == TcpState.TCP_FIN_WAIT2 && sk.dead) {
            long tmo = finTime(sk) - Tcp.TCP_TIMEWAIT_LEN;
            if (tmo > 0) {
                tcp.minisocks.timeWait(sk, TcpState.TCP_FIN_WAIT2, tmo);
                return;
            }
            tcp.output.sendActiveReset(sk);
            tcp.done(sk);
            return;
        }
        if (!sk.keepOpen || sk.state == TcpState.TCP_CLOSE || sk.state == TcpState.TCP_SYN_SENT) {
            return;
        }
        tcp.fn("tcp_keepalive_timer", () -> sk.describe() + " probes_out=" + sk.probesOut);
        long next = keepaliveTimeWhen(sk);
        // "It is alive without keepalive 8)"
        if (sk.sndNxt == sk.sndUna && sk.writeSeq == sk.sndNxt) {
            long elapsed = keepaliveTimeElapsed(sk);
            if (elapsed >= next) {
                // with TCP_USER_TIMEOUT, the idle time decides once a probe is out, not the count
                boolean over = sk.userTimeoutMs != 0
                    ? elapsed >= sk.userTimeoutMs * Tcp.MS && sk.probesOut > 0
                    : sk.probesOut >= keepaliveProbes(sk);
                if (over) {
                    tcp.output.sendActiveReset(sk);
                    writeErr(sk);
                    return;
                }
                tcp.output.sendProbe(sk);
                tcp.inc(Counter.TcpExtTCPKeepAlive);
                sk.probesOut++;
                next = keepaliveIntvlWhen(sk);
            } else {
                next -= elapsed;
            }
        }
        resetKeepalive(sk, next);
    }

    /** A window probe when the peer's window is closed and nothing is in flight (tcp_probe_timer, simplified). */
    void armProbeIfIdle(TcpSock sk) {
        if (sk.sndUna == sk.sndNxt && (sk.retransmitTimer == null || !sk.retransmitTimer.pending())) {
            if (sk.retransmitTimer == null) {
                sk.retransmitTimer = tcp.loop.kernelTimer(tcp, () -> retransmitTimer(sk));
            }
            tcp.loop.schedule(sk.rto, () -> {
                if (sk.sndWnd == 0 && sk.state != TcpState.TCP_CLOSE) {
                    tcp.output.sendAck(sk);
                }
                tcp.output.writeXmit(sk, true);
            });
        }
    }
}
