package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;

/**
 * net/ipv4/tcp_minisocks.c: tcp_check_req (the third packet meets the request sock),
 * tcp_create_openreq_child, tcp_child_process, tcp_time_wait and tcp_timewait_state_process.
 */
public final class TcpMinisocks {
    private final Tcp tcp;

    TcpMinisocks(Tcp tcp) {
        this.tcp = tcp;
    }

    /**
     * tcp_check_req. Returns null (consumed or dropped), the listener (let it answer with a
     * RST: bad ACK number), or the new child (ESTABLISHED follows in tcp_child_process).
     */
    Sock checkReq(TcpSock listener, SkBuff skb, RequestSock req) {
        tcp.fn("tcp_check_req", () -> TcpFlags.letters(skb.flags()) + " " + req.describe());
        TcpOptions o = skb.th().options();
        boolean pawsReject = false;
        if (o.timestamps() && req.tstampOk) {
            pawsReject = req.tsRecent - o.tsVal() > 0 && !skb.rst();
        }
        int flg = skb.flags() & (TcpFlags.SYN | TcpFlags.ACK | TcpFlags.RST | TcpFlags.FIN);
        // a retransmitted SYN: SYN-ACK again (rate limited) and push the request timer back
        if (skb.seq() == req.rcvIsn && flg == TcpFlags.SYN && !pawsReject) {
            if (!oowRateLimited(req, skb, Counter.TcpExtTCPACKSkippedSynRecv)) {
                if (tcp.icsk.rtxSynAck(listener, req)) {
                    long expires = Math.min(req.timeout << req.numTimeout, rtoMax());
                    req.rskTimer.modPending(expires);
                }
            }
            return null;
        }
        if ((flg & TcpFlags.ACK) != 0 && skb.ackSeq() != req.sntIsn + 1) {
            return listener;
        }
        int window = req.rcvWnd;
        if (pawsReject || !inWindow(skb.seq(), skb.endSeq(), req.rcvNxt, req.rcvNxt + window)) {
            if ((flg & TcpFlags.RST) == 0 && !oowRateLimited(req, skb, Counter.TcpExtTCPACKSkippedSynRecv)) {
                tcp.ipv4.reqskSendAck(req);
            }
            if (pawsReject) {
                tcp.inc(Counter.TcpExtPAWSEstabRejected);
            }
            return null;
        }
        // 6.x no longer writes req->ts_recent here ("defer ts_recent changes until req is
        // owned"): only the child gets this TSval, below. An ACK that overflows the accept queue
        // leaves the request's TSecr at the SYN's (e4: the retransmitted SYN-ACKs echo the SYN).
        if (skb.seq() == req.rcvIsn) {
            flg &= ~TcpFlags.SYN;
        }
        if ((flg & TcpFlags.RST) != 0 && skb.seq() != req.rcvNxt) {
            // RFC 5961 for request socks: an inexact RST gets an ACK, not a reset
            if (!oowRateLimited(req, skb, Counter.TcpExtTCPACKSkippedSynRecv)) {
                tcp.ipv4.reqskSendAck(req);
            }
            return null;
        }
        if ((flg & (TcpFlags.RST | TcpFlags.SYN)) != 0) {
            tcp.inc(Counter.TcpAttemptFails);
            embryonicReset(listener, skb, req, flg);
            return null;
        }
        if ((flg & TcpFlags.ACK) == 0) {
            return null;
        }
        if (req.numTimeout < listener.deferAcceptTimeouts && skb.endSeq() == req.rcvIsn + 1) {
            req.acked = true;
            tcp.inc(Counter.TcpExtTCPDeferAcceptDrop);
            return null;
        }
        TcpSock child = tcp.ipv4.synRecvSock(listener, skb, req);
        if (child == null) {
            // listen_overflow
            if (tcp.sysctl("tcp_abort_on_overflow") == 0) {
                req.acked = true;
                return null;
            }
            embryonicReset(listener, skb, req, flg);
            return null;
        }
        if (o.timestamps() && req.tstampOk && !Seq.after(skb.seq(), req.rcvNxt)) {
            child.tsRecent = o.tsVal();
        }
        synackRttMeas(child, req, o);
        return tcp.icsk.completeHashdance(listener, child, req);
    }

    private void embryonicReset(TcpSock listener, SkBuff skb, RequestSock req, int flg) {
        if ((flg & TcpFlags.RST) == 0) {
            tcp.ipv4.sendReset(null, skb);
        }
        if (tcp.icsk.reqskQueueDrop(listener, req)) {
            tcp.inc(Counter.TcpExtEmbryonicRsts);
        }
    }

    /** tcp_in_window. */
    private static boolean inWindow(int seq, int endSeq, int sWin, int eWin) {
        if (seq == sWin) {
            return true;
        }
        if (Seq.after(endSeq, sWin) && Seq.before(seq, eWin)) {
            return true;
        }
        return seq == eWin && seq == endSeq;
    }

    private long rtoMax() {
        return tcp.sysctl("tcp_rto_max_ms") * Tcp.MS;
    }

    private boolean oowRateLimited(RequestSock req, SkBuff skb, Counter skipped) {
        if (skb.seq() != skb.endSeq() && !skb.syn()) {
            return false;
        }
        long limit = tcp.sysctl("tcp_invalid_ratelimit") * Tcp.MS;
        long now = tcp.now();
        if (req.lastOowAckTime >= 0 && now - req.lastOowAckTime < limit) {
            tcp.inc(skipped);
            return true;
        }
        req.lastOowAckTime = now;
        return false;
    }

    /**
     * tcp_synack_rtt_meas: the first RTT sample, from the SYN-ACK's send time when it was not
     * retransmitted, else from the echoed timestamp (which can be large: obs d2).
     */
    private void synackRttMeas(TcpSock child, RequestSock req, TcpOptions o) {
        long rttUs = -1;
        if (req.numRetrans == 0 && !req.cookie) {
            rttUs = (tcp.now() - req.sntSynack) / 1000;
        } else if (o.timestamps() && o.tsEcr() != 0) {
            int sent = o.tsEcr() - req.tsOff;
            rttUs = Math.max(1, (long) (tcp.tcpTimeStamp() - sent)) * 1000;
        }
        if (rttUs >= 0) {
            tcp.input.rttSample(child, rttUs);
        }
    }

    /**
     * tcp_create_openreq_child → inet_csk_clone_lock: a full socket in TCP_SYN_RECV with the
     * request's sequence state and options. PassiveOpens counts here.
     */
    TcpSock createOpenreqChild(TcpSock listener, RequestSock req, SkBuff skb) {
        tcp.fn("tcp_create_openreq_child", () -> req.describe());
        tcp.fn("inet_csk_clone_lock", () -> req.describe());
        TcpSock c = tcp.newSock();
        c.saddr = req.saddr;
        c.sport = req.sport;
        c.daddr = req.daddr;
        c.dport = req.dport;
        c.state = TcpState.TCP_SYN_RECV;
        tcp.stateChange(c, TcpState.TCP_NEW_SYN_RECV, TcpState.TCP_SYN_RECV);
        c.parent = listener;
        c.rcvbuf = listener.rcvbuf;
        c.nodelay = listener.nodelay;
        c.userMss = listener.userMss;
        c.reuseAddr = listener.reuseAddr;
        c.lingerSeconds = listener.lingerSeconds;
        // sk_clone copies SOCK_KEEPOPEN and the tcp_sock's keepalive settings
        c.keepOpen = listener.keepOpen;
        c.keepaliveTime = listener.keepaliveTime;
        c.keepaliveIntvl = listener.keepaliveIntvl;
        c.keepaliveProbes = listener.keepaliveProbes;
        c.userTimeoutMs = listener.userTimeoutMs;
        c.lastRcvTime = tcp.now(); // newicsk->icsk_ack.lrcvtime = tcp_jiffies32
        c.rcvTstamp = tcp.now();
        c.rcvNxt = req.rcvIsn + 1;
        c.rcvWup = c.rcvNxt;
        c.copiedSeq = c.rcvNxt;
        c.sndUna = req.sntIsn + 1;
        c.sndNxt = req.sntIsn + 1;
        c.writeSeq = req.sntIsn + 1;
        c.sndWl1 = req.rcvIsn;
        c.sndWnd = skb.th().window();
        c.maxWindow = c.sndWnd;
        c.rcvWnd = req.rcvWnd;
        c.rcvSsthresh = TcpOutput.fullSpace(c.rcvbuf) - 1448;
        c.windowClamp = req.windowClamp;
        c.wscaleOk = req.wscaleOk;
        c.sndWscale = req.wscaleOk ? req.sndWscale : 0;
        c.rcvWscale = req.wscaleOk ? req.rcvWscale : 0;
        c.sackOk = req.sackOk;
        c.tstampOk = req.tstampOk;
        c.tsRecent = req.tsRecent;
        c.tsRecentStamp = tcp.now();
        c.tsOffset = req.tsOff;
        c.tcpHeaderLen = 20 + (req.tstampOk ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0);
        c.mssClamp = req.mss;
        c.rto = Tcp.TCP_TIMEOUT_INIT;
        c.inetId = tcp.rng.nextInt() & 0xFFFF;
        if (c.keepOpen) {
            tcp.timers.resetKeepalive(c, tcp.timers.keepaliveTimeWhen(c));
        }
        tcp.inc(Counter.TcpPassiveOpens);
        return c;
    }

    /** tcp_child_process: feed the third packet to the child (SYN_RECV → ESTABLISHED). true = RST. */
    boolean childProcess(TcpSock listener, TcpSock child, SkBuff skb) {
        tcp.fn("tcp_child_process", () -> child.describe());
        return tcp.input.rcvStateProcess(child, skb);
    }

    // ------------------------------------------------------------------ TIME_WAIT

    /**
     * tcp_time_wait: replace sk by a timewait minisock in ehash (TIME_WAIT, or FIN_WAIT2 for an
     * orphan whose FIN was acked), arm its timer; TW counted when the timer is first armed
     * with more than 4 s (__inet_twsk_schedule), TWKilled otherwise.
     */
    void timeWait(TcpSock sk, TcpState substate, long timeo) {
        tcp.fn("tcp_time_wait", substate);
        TimeWaitSock tw = new TimeWaitSock(tcp.nextId("tw"));
        tw.saddr = sk.saddr;
        tw.sport = sk.sport;
        tw.daddr = sk.daddr;
        tw.dport = sk.dport;
        tw.substate = substate;
        tw.state = TcpState.TCP_TIME_WAIT;
        tw.sndNxt = sk.sndNxt;
        tw.rcvNxt = sk.rcvNxt;
        tw.rcvWnd = Math.max(0, sk.rcvWup + sk.rcvWnd - sk.rcvNxt);
        tw.rcvWscale = sk.rcvWscale;
        tw.tsRecent = sk.tsRecent;
        tw.tsRecentStamp = sk.tsRecentStamp;
        tw.tsOffset = sk.tsOffset;
        tw.tstampOk = sk.tstampOk;
        tcp.hashtables.twHashdance(sk, tw);
        tcp.hashtables.rememberTwReuse(tw, sk.reuseAddr);
        long rto = sk.rto;
        // tcp_time_wait: at least 3.5 RTO; a true TIME_WAIT is always TCP_TIMEWAIT_LEN
        long timeout = substate == TcpState.TCP_TIME_WAIT ? Tcp.TCP_TIMEWAIT_LEN : Math.max(timeo, (rto << 2) - (rto >> 1));
        tw.timer = tcp.loop.kernelTimer(tcp, () -> twExpire(tw));
        tcp.inc(timeout > 4 * Tcp.SEC ? Counter.TcpExtTW : Counter.TcpExtTWKilled);
        tw.timer.mod(timeout);
        // the full socket is gone (tcp_done without the counters)
        TcpState old = sk.state;
        sk.state = TcpState.TCP_CLOSE;
        if (old == TcpState.TCP_ESTABLISHED || old == TcpState.TCP_CLOSE_WAIT) {
            tcp.mib.add(Counter.TcpCurrEstab, -1);
        }
        // the full socket is destroyed (tcp_done); the minisock carries the state on
        tcp.stateChange(sk, old, TcpState.TCP_CLOSE);
        tcp.stateChange(tw, old, substate);
        tcp.timers.clearXmitTimers(sk);
        sk.timeWaitSock = tw;
        SocketEvents.stateChanged(sk);
    }

    private void twExpire(TimeWaitSock tw) {
        tcp.fn("tw_timer_handler", () -> tw.describe());
        twKill(tw);
    }

    /** inet_twsk_kill / inet_twsk_deschedule_put. */
    void twKill(TimeWaitSock tw) {
        if (tw.timer != null) {
            tw.timer.del();
        }
        tcp.hashtables.twUnhash(tw);
        tcp.hashtables.forgetTw(tw);
        tcp.stateChange(tw, tw.substate, TcpState.TCP_CLOSE);
    }

    /** tcp_twsk_unique: may connect() reuse this TIME_WAIT 4-tuple? (tcp_tw_reuse=2: loopback only) */
    boolean twskUnique(TcpSock sk, TimeWaitSock tw) {
        int reuse = tcp.sysctl("tcp_tw_reuse");
        boolean loopback = (sk.daddr.bits() >>> 24) == 127;
        if (reuse == 1 || (reuse == 2 && loopback)) {
            if (tw.tstampOk && tcp.now() - tw.tsRecentStamp > Tcp.SEC) {
                sk.writeSeq = tw.sndNxt + 65535 + 2;
                if (sk.writeSeq == 0) {
                    sk.writeSeq = 1;
                }
                sk.tsRecent = tw.tsRecent;
                sk.tsRecentStamp = tw.tsRecentStamp;
                tcp.inc(Counter.TcpExtTWRecycled);
                twKill(tw);
                return true;
            }
        }
        return false;
    }

    enum TwKind { SUCCESS, ACK, RST, SYN }

    record TwVerdict(TwKind kind, int isn) {
        static final TwVerdict SUCCESS = new TwVerdict(TwKind.SUCCESS, 0);
        static final TwVerdict ACK = new TwVerdict(TwKind.ACK, 0);
        static final TwVerdict RST = new TwVerdict(TwKind.RST, 0);
    }

    /** tcp_timewait_state_process (linux-handshake.md 9.4). */
    TwVerdict timewaitStateProcess(TimeWaitSock tw, SkBuff skb) {
        tcp.fn("tcp_timewait_state_process", () -> tw.substate + " " + TcpFlags.letters(skb.flags()));
        TcpOptions o = skb.th().options();
        boolean pawsReject = false;
        if (o.timestamps() && tw.tstampOk && tw.tsRecentStamp != 0) {
            pawsReject = tw.tsRecent - o.tsVal() > 0 && !skb.rst();
        }
        if (tw.substate == TcpState.TCP_FIN_WAIT2) {
            if (pawsReject || !inWindow(skb.seq(), skb.endSeq(), tw.rcvNxt, tw.rcvNxt + tw.rcvWnd)) {
                return oowRateLimitedTw(tw, skb, Counter.TcpExtTCPACKSkippedSeq);
            }
            if (skb.rst()) {
                twKill(tw);
                return TwVerdict.SUCCESS;
            }
            if (skb.syn() && !Seq.before(skb.seq(), tw.rcvNxt)) {
                return TwVerdict.RST;
            }
            if (!skb.ack() || !Seq.after(skb.endSeq(), tw.rcvNxt) || skb.endSeq() == skb.seq()) {
                return TwVerdict.SUCCESS;
            }
            if (!skb.fin() || skb.endSeq() != tw.rcvNxt + 1) {
                return TwVerdict.RST;
            }
            TcpState old = tw.substate;
            tw.substate = TcpState.TCP_TIME_WAIT;
            tcp.stateChange(tw, old, TcpState.TCP_TIME_WAIT);
            tw.rcvNxt = skb.endSeq();
            if (o.timestamps()) {
                tw.tsRecentStamp = tcp.now();
                tw.tsRecent = o.tsVal();
            }
            tw.timer.modPending(Tcp.TCP_TIMEWAIT_LEN);
            return TwVerdict.ACK;
        }
        if (!pawsReject && skb.seq() == tw.rcvNxt && (skb.seq() == skb.endSeq() || skb.rst())) {
            if (skb.rst()) {
                if (tcp.sysctl("tcp_rfc1337") == 0) {
                    twKill(tw);
                    return TwVerdict.SUCCESS;
                }
            } else {
                tw.timer.modPending(Tcp.TCP_TIMEWAIT_LEN);
            }
            if (o.timestamps()) {
                tw.tsRecent = o.tsVal();
                tw.tsRecentStamp = tcp.now();
            }
            return TwVerdict.SUCCESS;
        }
        if (skb.syn() && !skb.rst() && !skb.ack() && !pawsReject
                && (Seq.after(skb.seq(), tw.rcvNxt) || (o.timestamps() && tw.tsRecent - o.tsVal() < 0))) {
            int isn = tw.sndNxt + 65535 + 2;
            if (isn == 0) {
                isn++;
            }
            return new TwVerdict(TwKind.SYN, isn);
        }
        if (pawsReject) {
            tcp.inc(Counter.TcpExtPAWSEstabRejected);
        }
        if (!skb.rst()) {
            if (pawsReject || skb.ack()) {
                tw.timer.modPending(Tcp.TCP_TIMEWAIT_LEN);
            }
            return oowRateLimitedTw(tw, skb, Counter.TcpExtTCPACKSkippedTimeWait);
        }
        return TwVerdict.SUCCESS;
    }

    private TwVerdict oowRateLimitedTw(TimeWaitSock tw, SkBuff skb, Counter skipped) {
        if (skb.seq() != skb.endSeq() && !skb.syn()) {
            return TwVerdict.ACK;
        }
        long limit = tcp.sysctl("tcp_invalid_ratelimit") * Tcp.MS;
        long now = tcp.now();
        if (tw.lastOowAckTime >= 0 && now - tw.lastOowAckTime < limit) {
            tcp.inc(skipped);
            return TwVerdict.SUCCESS;
        }
        tw.lastOowAckTime = now;
        return TwVerdict.ACK;
    }
}
