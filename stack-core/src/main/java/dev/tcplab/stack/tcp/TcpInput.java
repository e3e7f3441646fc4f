package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.SackBlock;
import java.util.List;
import java.util.Map;

/**
 * net/ipv4/tcp_input.c: tcp_rcv_state_process (all states but TIME_WAIT and request socks),
 * tcp_rcv_synsent_state_process, tcp_conn_request, tcp_validate_incoming (RFC 5961),
 * tcp_ack, tcp_data_queue, tcp_fin, tcp_reset, and the ACK-now-or-later decision.
 */
public final class TcpInput {
    private final Tcp tcp;

    TcpInput(Tcp tcp) {
        this.tcp = tcp;
    }

    /** tcp_rcv_state_process; true means "send a RST for this segment" (the caller does). */
    boolean rcvStateProcess(TcpSock sk, SkBuff skb) {
        tcp.fn("tcp_rcv_state_process", sk.state);
        switch (sk.state) {
            case TCP_CLOSE:
                return true;
            case TCP_LISTEN:
                if (skb.ack()) {
                    return true;
                }
                if (skb.rst()) {
                    return false;
                }
                if (skb.syn()) {
                    if (skb.fin()) {
                        return false;
                    }
                    listenSyn(sk, skb, 0);
                }
                return false;
            case TCP_SYN_SENT: {
                int queued = rcvSynsentStateProcess(sk, skb);
                if (queued > 0) {
                    return true;
                }
                if (queued < 0) {
                    tcp.output.writeXmit(sk, true);
                }
                return false;
            }
            default:
                break;
        }
        if (!skb.ack() && !skb.rst() && !skb.syn()) {
            return false;
        }
        boolean established = sk.state == TcpState.TCP_ESTABLISHED;
        if (!validateIncoming(sk, skb, established)) {
            return false;
        }
        int reason = ack(sk, skb, true);
        if (reason <= 0) {
            if (sk.state == TcpState.TCP_SYN_RECV) {
                return true;
            }
            if (reason < 0) {
                sendChallengeAck(sk);
                return false;
            }
        }
        switch (sk.state) {
            case TCP_SYN_RECV -> {
                // the child (or a simultaneous open) becomes ESTABLISHED
                sk.retransStamp = 0;
                sk.copiedSeq = sk.rcvNxt;
                tcp.setState(sk, TcpState.TCP_ESTABLISHED);
                SocketEvents.stateChanged(sk);
                sk.sndUna = skb.ackSeq();
                sk.sndWnd = skb.th().window() << sk.sndWscale;
                sk.sndWl1 = skb.seq();
                if (sk.tstampOk && !sk.advmssTsAdjusted) {
                    sk.advmss -= Tcp.TCPOLEN_TSTAMP_ALIGNED;
                    sk.advmssTsAdjusted = true;
                }
                if (sk.srttUs == 0) {
                    sk.rto = 3 * Tcp.SEC; // TCP_TIMEOUT_FALLBACK: no RTT sample from the handshake
                }
                tcp.timers.clearRetransmit(sk);
                if (sk.parent != null) {
                    SocketEvents.dataReady(sk.parent);
                }
                if ((sk.skShutdown & 2) != 0) {
                    tcp.output.sendFin(sk);
                }
            }
            case TCP_FIN_WAIT1 -> {
                if (sk.sndUna != sk.writeSeq) {
                    break;
                }
                tcp.setState(sk, TcpState.TCP_FIN_WAIT2);
                sk.skShutdown |= 2;
                if (!sk.dead) {
                    SocketEvents.stateChanged(sk);
                    break;
                }
                if (skb.endSeq() != skb.seq() && Seq.after(skb.endSeq() - (skb.fin() ? 1 : 0), sk.rcvNxt)) {
                    tcp.done(sk);
                    tcp.inc(Counter.TcpExtTCPAbortOnData);
                    return true;
                }
                long tmo = tcp.timers.finTime(sk);
                if (tmo > Tcp.TCP_TIMEWAIT_LEN) {
                    tcp.timers.resetKeepalive(sk, tmo - Tcp.TCP_TIMEWAIT_LEN);
                } else if (skb.fin()) {
                    tcp.timers.resetKeepalive(sk, tmo);
                } else {
                    tcp.minisocks.timeWait(sk, TcpState.TCP_FIN_WAIT2, tmo);
                    return false;
                }
            }
            case TCP_CLOSING -> {
                if (sk.sndUna == sk.writeSeq) {
                    tcp.minisocks.timeWait(sk, TcpState.TCP_TIME_WAIT, 0);
                    return false;
                }
            }
            case TCP_LAST_ACK -> {
                if (sk.sndUna == sk.writeSeq) {
                    tcp.done(sk);
                    return false;
                }
            }
            default -> { }
        }
        // step 7: the segment text
        switch (sk.state) {
            case TCP_CLOSE_WAIT, TCP_CLOSING, TCP_LAST_ACK:
                if (!Seq.before(skb.seq(), sk.rcvNxt)) {
                    break;
                }
                // fall through
            case TCP_FIN_WAIT1, TCP_FIN_WAIT2:
                if ((sk.skShutdown & 1) != 0 && skb.endSeq() != skb.seq()
                        && Seq.after(skb.endSeq() - (skb.fin() ? 1 : 0), sk.rcvNxt)) {
                    tcp.inc(Counter.TcpExtTCPAbortOnData);
                    reset(sk);
                    return true;
                }
                // fall through
            case TCP_ESTABLISHED:
                dataQueue(sk, skb);
                break;
            default:
                break;
        }
        if (sk.state != TcpState.TCP_CLOSE && sk.state != TcpState.TCP_TIME_WAIT) {
            tcp.output.writeXmit(sk, true);
            ackSndCheck(sk);
        }
        return false;
    }

    // ------------------------------------------------------------------ LISTEN

    /** A SYN reached a listener: icsk_af_ops->conn_request = tcp_v4_conn_request → tcp_conn_request. */
    void listenSyn(TcpSock listener, SkBuff skb, int twIsn) {
        if (skb.daddr().isBroadcast() || skb.daddr().isMulticast()) {
            return;
        }
        connRequest(listener, skb, twIsn);
    }

    /**
     * tcp_conn_request (linux-handshake.md 3.2): cookies when syncookies=2 or the request queue
     * is full (qlen &gt; backlog); drop when the accept queue is full (ack_backlog &gt; backlog);
     * otherwise a request sock in TCP_NEW_SYN_RECV, hashed into ehash with its own timer, and a
     * SYN-ACK. Cookie mode keeps nothing.
     */
    void connRequest(TcpSock listener, SkBuff skb, int twIsn) {
        tcp.fn("tcp_conn_request", () -> skb.saddr() + ":" + skb.th().srcPort());
        int syncookies = tcp.sysctl("tcp_syncookies");
        AcceptQueue q = listener.acceptQueue;
        boolean wantCookie = false;
        if ((syncookies == 2 || tcp.icsk.reqskQueueIsFull(listener)) && twIsn == 0) {
            wantCookie = synFloodAction(listener);
            if (!wantCookie) {
                tcp.inc(Counter.TcpExtListenDrops);
                return;
            }
        }
        if (tcp.icsk.acceptqIsFull(listener)) {
            tcp.inc(Counter.TcpExtListenOverflows);
            tcp.inc(Counter.TcpExtListenDrops);
            return;
        }
        RequestSock req = new RequestSock(tcp.nextId("req"), listener);
        req.saddr = skb.daddr();
        req.sport = skb.th().dstPort();
        req.daddr = skb.saddr();
        req.dport = skb.th().srcPort();
        TcpOptions o = skb.th().options();
        openreqInit(listener, req, skb, o);
        if (wantCookie && !req.tstampOk) {
            // tcp_conn_request: "if (want_cookie && !tmp_opt.saw_tstamp) tcp_clear_options()" —
            // only a timestamp can carry SACK and wscale through a cookie (cookie_init_timestamp),
            // so without one the SYN-ACK offers neither (only mss) and windows stay unscaled.
            req.sackOk = false;
            req.wscaleOk = false;
            req.sndWscale = 0;
        }
        int isn = twIsn;
        if (!wantCookie && isn == 0) {
            SecureSeq.SeqAndTsOff st = tcp.secureSeq.seqAndTsOff(req.saddr, req.daddr, req.sport, req.dport);
            isn = st.seq();
            req.tsOff = st.tsOff();
            int maxSynBacklog = tcp.sysctl("tcp_max_syn_backlog");
            if (syncookies == 0 && maxSynBacklog - q.qlen < (maxSynBacklog >> 2)) {
                // pr_drop_req: the last quarter of the backlog is kept for proven peers
                tcp.fn("pr_drop_req", () -> req.describe());
                tcp.inc(Counter.TcpExtListenDrops);
                return;
            }
        } else if (!wantCookie) {
            // a SYN recycling a TIME_WAIT 4-tuple: the ISN is tcp_tw_isn, the TS offset as usual
            req.tsOff = tcp.secureSeq.seqAndTsOff(req.saddr, req.daddr, req.sport, req.dport).tsOff();
        } else {
            req.tsOff = tcp.secureSeq.seqAndTsOff(req.saddr, req.daddr, req.sport, req.dport).tsOff();
            tcp.fn("cookie_v4_init_sequence", () -> req.describe());
            Syncookies.Init ci = tcp.syncookies.initSequence(skb, req.mss);
            isn = ci.isn();
            req.mss = ci.mss();
            q.lastOverflow = tcp.jiffiesNs();
            tcp.inc(Counter.TcpExtSyncookiesSent);
            req.cookie = true;
        }
        req.sntIsn = isn;
        openreqInitRwin(listener, req);
        req.sntSynack = tcp.now();
        if (!wantCookie) {
            req.timeout = Tcp.TCP_TIMEOUT_INIT;
            tcp.icsk.reqskQueueHashAdd(listener, req, req.timeout);
            tcp.ipv4.sendSynack(listener, req);
        } else {
            tcp.ipv4.sendSynack(listener, req);
        }
    }

    /** tcp_syn_flood_action: cookies if enabled (TCPReqQFullDoCookies), else TCPReqQFullDrop. */
    private boolean synFloodAction(TcpSock listener) {
        int syncookies = tcp.sysctl("tcp_syncookies");
        AcceptQueue q = listener.acceptQueue;
        boolean want = syncookies != 0;
        tcp.inc(want ? Counter.TcpExtTCPReqQFullDoCookies : Counter.TcpExtTCPReqQFullDrop);
        if (!q.synfloodWarned && syncookies != 2) {
            q.synfloodWarned = true;
            tcp.fn("tcp_syn_flood_action", "Possible SYN flooding on port " + listener.saddr + ":" + listener.sport
                    + ". " + (want ? "Sending cookies." : "Dropping request."));
        }
        return want;
    }

    /** tcp_openreq_init + the option parse: what the SYN offered. */
    private void openreqInit(TcpSock listener, RequestSock req, SkBuff skb, TcpOptions o) {
        req.rcvIsn = skb.seq();
        req.rcvNxt = skb.seq() + 1;
        int mss = o.mss() > 0 ? o.mss() : Tcp.TCP_MSS_DEFAULT;
        if (listener.userMss > 0) {
            mss = Math.min(mss, listener.userMss);
        }
        req.mss = mss;
        req.tstampOk = o.timestamps() && tcp.sysctl("tcp_timestamps") != 0;
        req.tsRecent = o.timestamps() ? o.tsVal() : 0;
        req.sackOk = o.sackPermitted() && tcp.sysctl("tcp_sack") != 0;
        req.wscaleOk = o.windowScale() >= 0 && tcp.sysctl("tcp_window_scaling") != 0;
        req.sndWscale = req.wscaleOk ? Math.min(14, o.windowScale()) : 0;
    }

    /** tcp_openreq_init_rwin: the SYN-ACK's window and our wscale. */
    private void openreqInitRwin(TcpSock listener, RequestSock req) {
        int mss = tcp.ipv4.advmssFor(listener, req);
        TcpOutput.InitialWindow w = tcp.output.selectInitialWindow(TcpOutput.fullSpace(listener.rcvbuf),
                mss - (req.tstampOk ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0), listener.windowClamp, req.wscaleOk);
        req.rcvWnd = w.rcvWnd();
        req.windowClamp = w.windowClamp();
        req.rcvWscale = w.rcvWscale();
    }

    /**
     * cookie_v4_check's second half: rebuild a request sock from a valid cookie ACK
     * (rcv_isn = seq - 1, snt_isn = ack - 1, options from the echoed timestamp).
     */
    RequestSock cookieRequest(TcpSock listener, SkBuff skb, int mss) {
        RequestSock req = new RequestSock(tcp.nextId("req"), listener);
        req.cookie = true;
        req.saddr = skb.daddr();
        req.sport = skb.th().dstPort();
        req.daddr = skb.saddr();
        req.dport = skb.th().srcPort();
        req.rcvIsn = skb.seq() - 1;
        req.rcvNxt = skb.seq();
        req.sntIsn = skb.ackSeq() - 1;
        req.mss = mss;
        req.tsOff = tcp.secureSeq.seqAndTsOff(req.saddr, req.daddr, req.sport, req.dport).tsOff();
        TcpOptions o = skb.th().options();
        if (o.timestamps()) {
            if (tcp.sysctl("tcp_timestamps") == 0) {
                return null;
            }
            int options = o.tsEcr() - req.tsOff;
            req.tstampOk = true;
            req.tsRecent = o.tsVal();
            req.sackOk = (options & Syncookies.TS_OPT_SACK) != 0 && tcp.sysctl("tcp_sack") != 0;
            int ws = options & Syncookies.TS_OPT_WSCALE_MASK;
            if (ws != Syncookies.TS_OPT_WSCALE_MASK) {
                req.wscaleOk = tcp.sysctl("tcp_window_scaling") != 0;
                req.sndWscale = ws;
            }
        }
        // cookie_v4_check: the window comes from the MSS in the cookie, without the TS deduction
        TcpOutput.InitialWindow w = tcp.output.selectInitialWindow(TcpOutput.fullSpace(listener.rcvbuf), req.mss,
                listener.windowClamp, req.wscaleOk);
        req.rcvWnd = w.rcvWnd();
        req.windowClamp = w.windowClamp();
        req.rcvWscale = w.rcvWscale();
        return req;
    }

    // ------------------------------------------------------------------ SYN_SENT

    /**
     * tcp_rcv_synsent_state_process. Returns &gt;0 to have the caller send a RST, 0 when the
     * segment was consumed/dropped, -1 when processing continues "by hand" (data may go out).
     */
    int rcvSynsentStateProcess(TcpSock sk, SkBuff skb) {
        tcp.fn("tcp_rcv_synsent_state_process", () -> TcpFlags.letters(skb.flags()));
        TcpOptions o = skb.th().options();
        if (skb.ack()) {
            if (!Seq.after(skb.ackSeq(), sk.sndUna) || Seq.after(skb.ackSeq(), sk.sndNxt)) {
                // reset_and_undo; re-send the SYN almost at once if none was retransmitted yet
                if (sk.retransmits == 0) {
                    tcp.timers.resetXmitTimer(sk, Tcp.TCP_TIMEOUT_MIN);
                }
                return 1;
            }
            if (o.timestamps() && o.tsEcr() != 0) {
                int tsecr = o.tsEcr() - sk.tsOffset;
                int now = tcp.tcpTimeStamp();
                if (!Seq.between(tsecr, (int) sk.retransStamp, now)) {
                    tcp.inc(Counter.TcpExtPAWSActiveRejected);
                    return 1;
                }
            }
            if (skb.rst()) {
                reset(sk);
                return 0;
            }
            if (!skb.syn()) {
                return 0;
            }
            // SYN-ACK acceptable: tcp_ack, sequence state, options, ESTABLISHED
            sk.sndWl1 = skb.seq();
            ack(sk, skb, false);
            sk.rcvNxt = skb.seq() + 1;
            sk.rcvWup = skb.seq() + 1;
            sk.sndWnd = skb.th().window();
            sk.maxWindow = sk.sndWnd;
            negotiate(sk, o);
            if (o.timestamps() && sk.tstampOk) {
                sk.tcpHeaderLen = 20 + Tcp.TCPOLEN_TSTAMP_ALIGNED;
                sk.advmss -= Tcp.TCPOLEN_TSTAMP_ALIGNED;
                sk.advmssTsAdjusted = true;
                sk.tsRecent = o.tsVal();
                sk.tsRecentStamp = tcp.now();
            } else {
                sk.tcpHeaderLen = 20;
            }
            syncMss(sk);
            sk.copiedSeq = sk.rcvNxt;
            finishConnect(sk);
            if (sk.pingpong || sk.deferAcceptTimeouts > 0) {
                // save one ACK, data will follow: the delack timer at TCP_DELACK_MAX (not ato)
                tcp.output.armDelack(sk, Tcp.TCP_DELACK_MAX);
                return 0;
            }
            tcp.output.sendAck(sk);
            return -1;
        }
        if (skb.rst()) {
            return 0;
        }
        if (skb.syn()) {
            // simultaneous open (linux-handshake.md 10.1): a full socket in SYN_RECV
            if (o.timestamps() && tcp.sysctl("tcp_timestamps") != 0) {
                sk.tstampOk = true;
                sk.tsRecent = o.tsVal();
                sk.tsRecentStamp = tcp.now();
                sk.tcpHeaderLen = 20 + Tcp.TCPOLEN_TSTAMP_ALIGNED;
            } else {
                sk.tstampOk = false;
                sk.tcpHeaderLen = 20;
            }
            sk.rcvNxt = skb.seq() + 1;
            sk.copiedSeq = sk.rcvNxt;
            sk.rcvWup = skb.seq() + 1;
            sk.sndWnd = skb.th().window();
            sk.sndWl1 = skb.seq();
            sk.maxWindow = sk.sndWnd;
            negotiate(sk, o);
            syncMss(sk);
            tcp.setState(sk, TcpState.TCP_SYN_RECV);
            tcp.output.sendSynackFull(sk);
            return 0;
        }
        return 0;
    }

    /** The peer's SYN options against ours: mss, wscale, SACK (timestamps handled by caller). */
    private void negotiate(TcpSock sk, TcpOptions o) {
        sk.mssClamp = o.mss() > 0 ? o.mss() : Tcp.TCP_MSS_DEFAULT;
        if (sk.userMss > 0) {
            sk.mssClamp = Math.min(sk.mssClamp, sk.userMss);
        }
        sk.wscaleOk = o.windowScale() >= 0 && tcp.sysctl("tcp_window_scaling") != 0;
        if (sk.wscaleOk) {
            sk.sndWscale = Math.min(14, o.windowScale());
        } else {
            sk.sndWscale = 0;
            sk.rcvWscale = 0;
            sk.windowClamp = Math.min(sk.windowClamp, 65535);
        }
        sk.sackOk = o.sackPermitted() && tcp.sysctl("tcp_sack") != 0;
        if (!o.timestamps()) {
            sk.tstampOk = false;
        } else if (sk.state == TcpState.TCP_SYN_SENT) {
            sk.tstampOk = tcp.sysctl("tcp_timestamps") != 0;
        }
    }

    /** tcp_sync_mss: effective send MSS = min(peer's MSS, our MTU - 40) minus the TS option. */
    void syncMss(TcpSock sk) {
        int mss = Math.min(sk.mssClamp, tcp.mtuTo(sk.daddr) - 40);
        sk.mssCache = mss - (sk.tstampOk ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0);
        sk.rcvMss = Math.min(Tcp.TCP_MSS_DEFAULT, sk.advmss);
    }

    /** tcp_finish_connect. */
    private void finishConnect(TcpSock sk) {
        tcp.fn("tcp_finish_connect", () -> sk.describe());
        tcp.setState(sk, TcpState.TCP_ESTABLISHED);
        if (sk.retransmits == 0 && sk.srttUs == 0) {
            rttSample(sk, (tcp.now() - sk.synSentAt) / 1000);
        } else if (sk.srttUs == 0) {
            sk.rto = 3 * Tcp.SEC;
        }
        sk.retransmits = 0;
        sk.totalRto = 0;
        sk.backoff = 0;
        sk.lastRcvTime = tcp.now(); // icsk_ack.lrcvtime = tcp_jiffies32
        // tcp_init_transfer → tcp_init_buffer_space: the window clamp keeps one segment in reserve
        // below the full space ("Force reservation of one segment"), and rcv_ssthresh follows it
        // (fresh/k1's ss: rcv_ssthresh 64088 = 65536 - 1448)
        int maxwin = TcpOutput.fullSpace(sk.rcvbuf);
        if (maxwin > 2 * sk.advmss) {
            sk.rcvSsthresh = Math.min(sk.rcvSsthresh, Math.max(2 * sk.advmss, maxwin - sk.advmss));
        }
        if (sk.keepOpen) {
            tcp.timers.resetKeepalive(sk, tcp.timers.keepaliveTimeWhen(sk));
        }
        SocketEvents.stateChanged(sk);
    }

    // ------------------------------------------------------------------ validation (RFC 5961)

    /** tcp_validate_incoming: PAWS, sequence window, RST rules, SYN challenge. */
    boolean validateIncoming(TcpSock sk, SkBuff skb, boolean synInerr) {
        tcp.fn("tcp_validate_incoming", () -> TcpFlags.letters(skb.flags()));
        TcpOptions o = skb.th().options();
        if (sk.tstampOk && o.timestamps() && pawsDiscard(sk, o.tsVal(), skb)) {
            if (!skb.rst()) {
                if (skb.syn()) {
                    synChallenge(sk, synInerr);
                    return false;
                }
                tcp.inc(Counter.TcpExtPAWSEstabRejected);
                if (!oowRateLimited(sk, skb, Counter.TcpExtTCPACKSkippedPAWS)) {
                    sendDupAck(sk, skb);
                }
                return false;
            }
        }
        if (!sequenceOk(sk, skb)) {
            if (!skb.rst()) {
                if (skb.syn()) {
                    synChallenge(sk, synInerr);
                    return false;
                }
                if (!oowRateLimited(sk, skb, Counter.TcpExtTCPACKSkippedSeq)) {
                    sendDupAck(sk, skb);
                }
            } else if (resetCheck(sk, skb)) {
                reset(sk);
            }
            return false;
        }
        if (skb.rst()) {
            if (skb.seq() == sk.rcvNxt || resetCheck(sk, skb)) {
                reset(sk);
                return false;
            }
            sendChallengeAck(sk);
            return false;
        }
        if (skb.syn()) {
            if (sk.state == TcpState.TCP_SYN_RECV && skb.ack() && skb.seq() + 1 == skb.endSeq()
                    && skb.seq() + 1 == sk.rcvNxt && skb.ackSeq() == sk.sndNxt) {
                return true;
            }
            synChallenge(sk, synInerr);
            return false;
        }
        return true;
    }

    private void synChallenge(TcpSock sk, boolean synInerr) {
        if (synInerr) {
            tcp.inc(Counter.TcpInErrs);
        }
        tcp.inc(Counter.TcpExtTCPSYNChallenge);
        sendChallengeAck(sk);
    }

    /** tcp_reset_check: after a FIN, RST at rcv_nxt - 1 is accepted too. */
    private boolean resetCheck(TcpSock sk, SkBuff skb) {
        return skb.seq() == sk.rcvNxt - 1 && sk.state.in(TcpState.TCP_CLOSE_WAIT, TcpState.TCP_LAST_ACK, TcpState.TCP_CLOSING);
    }

    /** tcp_sequence: acceptable if it overlaps [rcv_wup, rcv_nxt + receive window]. */
    private boolean sequenceOk(TcpSock sk, SkBuff skb) {
        int rcvWindow = Math.max(0, sk.rcvWup + sk.rcvWnd - sk.rcvNxt);
        return !Seq.before(skb.endSeq(), sk.rcvWup) && !Seq.after(skb.seq(), sk.rcvNxt + rcvWindow);
    }

    /**
     * tcp_replace_ts_recent (RFC 7323 4.3): remember the peer's TSval when the segment starts at
     * or before rcv_wup (the left edge of the last window we advertised, so a segment sent before
     * our last ACK cannot move TS.Recent past a hole) and passes tcp_paws_check(rx_opt, 0);
     * tcp_store_ts_recent. Later segments echo it as TSecr.
     */
    private void replaceTsRecent(TcpSock sk, SkBuff skb) {
        TcpOptions o = skb.th().options();
        if (!sk.tstampOk || !o.timestamps() || Seq.after(skb.seq(), sk.rcvWup)) {
            return;
        }
        boolean pawsOk = sk.tsRecent - o.tsVal() <= 0
                || tcp.now() - sk.tsRecentStamp >= 24L * 24 * 3600 * Tcp.SEC
                || sk.tsRecentStamp == 0;
        if (pawsOk) {
            sk.tsRecent = o.tsVal();
            sk.tsRecentStamp = tcp.now();
        }
    }

    /** tcp_paws_discard (simplified: an older TSval than ts_recent on a non-RST). */
    private boolean pawsDiscard(TcpSock sk, int tsval, SkBuff skb) {
        if (sk.tsRecentStamp == 0 && sk.tsRecent == 0) {
            return false;
        }
        boolean older = sk.tsRecent - tsval > 0;
        boolean stale = tcp.now() - sk.tsRecentStamp > 24L * 24 * 3600 * Tcp.SEC;
        return older && !stale && !(skb.rst());
    }

    /** tcp_oow_rate_limited with the per-socket 500 ms (tcp_invalid_ratelimit). */
    boolean oowRateLimited(TcpSock sk, SkBuff skb, Counter skipped) {
        if (skb.seq() != skb.endSeq() && !skb.syn()) {
            return false;
        }
        return rateLimited(sk, skipped);
    }

    private boolean rateLimited(TcpSock sk, Counter skipped) {
        long limit = tcp.sysctl("tcp_invalid_ratelimit") * Tcp.MS;
        long now = tcp.now();
        if (sk.lastOowAckTime >= 0) {
            long elapsed = now - sk.lastOowAckTime;
            if (elapsed >= 0 && elapsed < limit) {
                tcp.inc(skipped);
                return true;
            }
        }
        sk.lastOowAckTime = now;
        return false;
    }

    /** tcp_send_challenge_ack: per-socket rate limit, then a normal ACK (TCPChallengeACK). */
    void sendChallengeAck(TcpSock sk) {
        tcp.fn("tcp_send_challenge_ack", () -> sk.describe());
        if (rateLimited(sk, Counter.TcpExtTCPACKSkippedChallenge)) {
            return;
        }
        tcp.inc(Counter.TcpExtTCPChallengeACK);
        tcp.output.sendAck(sk);
    }

    /** tcp_send_dupack: an old duplicate gets a D-SACK for its part below rcv_nxt. */
    private void sendDupAck(TcpSock sk, SkBuff skb) {
        if (skb.endSeq() != skb.seq() && Seq.before(skb.seq(), sk.rcvNxt)) {
            tcp.inc(Counter.TcpExtDelayedACKLost);
            dsackSet(sk, skb.seq(), Seq.after(skb.endSeq(), sk.rcvNxt) ? sk.rcvNxt : skb.endSeq());
        }
        tcp.output.sendAck(sk);
    }

    /** tcp_reset: the error BSD expects, then tcp_done. */
    void reset(TcpSock sk) {
        tcp.fn("tcp_reset", () -> sk.describe());
        Errno err = switch (sk.state) {
            case TCP_SYN_SENT -> Errno.ECONNREFUSED;
            case TCP_CLOSE_WAIT -> Errno.EPIPE;
            case TCP_CLOSE -> null;
            default -> Errno.ECONNRESET;
        };
        if (err == null) {
            return;
        }
        sk.sendQueue.clear();
        tcp.doneWithError(sk, err);
    }

    // ------------------------------------------------------------------ ACK processing

    /**
     * tcp_ack: &lt;0 for an ACK of data not yet sent or far too old (challenge), 0 for an old
     * duplicate, &gt;0 when the ACK was processed. updateTsRecent is FLAG_UPDATE_TS_RECENT (the
     * slow paths of tcp_rcv_established and tcp_rcv_state_process; not tcp_rcv_synsent_state_process).
     */
    int ack(TcpSock sk, SkBuff skb, boolean updateTsRecent) {
        int ack = skb.ackSeq();
        int priorUna = sk.sndUna;
        if (Seq.before(ack, priorUna)) {
            // RFC 5961 5.2 (blind data injection): older than min(max_window, bytes_acked) → challenge
            int maxWindow = (int) Math.min(Integer.toUnsignedLong(sk.maxWindow), sk.bytesAcked);
            if (Seq.before(ack, priorUna - maxWindow)) {
                return -1;
            }
            return 0;
        }
        if (Seq.after(ack, sk.sndNxt)) {
            return -1;
        }
        // "Something worked...": an acceptable ACK answers the keepalive probes and restarts the idle time
        sk.probesOut = 0;
        sk.rcvTstamp = tcp.now();
        // "ts_recent update must be made after we are sure that the packet is in window"
        if (updateTsRecent) {
            replaceTsRecent(sk, skb);
        }
        // window update (tcp_ack_update_window)
        int nwin = skb.th().window();
        if (!skb.syn()) {
            nwin <<= sk.sndWscale;
        }
        if (Seq.after(ack, sk.sndUna) || Seq.after(skb.seq(), sk.sndWl1)
                || (skb.seq() == sk.sndWl1 && nwin > sk.sndWnd)) {
            sk.sndWl1 = skb.seq();
            sk.sndWnd = nwin;
            sk.maxWindow = Math.max(sk.maxWindow, nwin);
        }
        List<SackBlock> sacks = skb.th().options().sackBlocks();
        if (!sacks.isEmpty() && sk.sackOk) {
            checkDsack(sk, sacks, ack, priorUna);
        }
        int acked = ack - priorUna;
        if (sk.tlpHigh) {
            boolean dsack = !sacks.isEmpty() && Seq.before(sacks.get(0).start(), ack);
            boolean notDup = acked > 0 || skb.payloadLength() > 0 || nwin != sk.sndWnd;
            tcp.lossProbe.processAck(sk, ack, acked > 0, notDup, dsack);
        }
        if (acked > 0) {
            cleanRtxQueue(sk, priorUna, ack);
            sk.dupAcks = 0;
        } else if (skb.payloadLength() == 0 && !skb.syn() && !skb.fin() && ack == sk.sndUna
                && sk.sndNxt != sk.sndUna && nwin == sk.sndWnd) {
            sk.dupAcks++;
            if (sk.dupAcks == 3) {
                // fast retransmit (Reno)
                sk.ssthresh = Math.max(TcpOutput.inFlight(sk) / Math.max(1, sk.mssCache) / 2, 2);
                sk.cwnd = sk.ssthresh;
                tcp.inc(Counter.TcpExtTCPFastRetrans);
                tcp.inc(Counter.TcpRetransSegs);
                sk.totalRetrans++;
                tcp.output.retransmitHead(sk);
            }
        }
        return 1;
    }

    /**
     * tcp_check_dsack + tcp_dsack_seen: a first SACK block below the ACK is a D-SACK
     * (TCPDSACKRecv). Unless dubious (longer than the peer's window, or more D-SACKed segments
     * than we ever retransmitted), it shows a retransmission was spurious (undo_retrans--); when
     * none is left during RTO recovery, tcp_try_undo_loss restores cwnd (TCPLossUndo).
     * D-SACKs of out-of-order data (second block containing the first) and TCPDSACKUndo in the
     * Open state are not modelled.
     */
    private void checkDsack(TcpSock sk, List<SackBlock> sacks, int ack, int priorUna) {
        SackBlock b = sacks.get(0);
        if (!Seq.before(b.start(), ack)) {
            return;
        }
        tcp.inc(Counter.TcpExtTCPDSACKRecv);
        if (!Seq.before(b.start(), b.end())) {
            return;
        }
        int len = b.end() - b.start();
        if (len > sk.maxWindow && sk.maxWindow > 0) {
            return;
        }
        int mss = Math.max(1, sk.mssCache);
        int dupSegs = len > mss ? (len + mss - 1) / mss : 1;
        sk.dsackDups += dupSegs;
        if (sk.dsackDups > sk.totalRetrans) {
            return;
        }
        if (sk.inLoss && sk.undoRetrans > 0 && !Seq.after(b.end(), priorUna) && Seq.after(b.end(), sk.undoMarker)) {
            sk.undoRetrans = Math.max(0, sk.undoRetrans - dupSegs);
            if (sk.undoRetrans == 0) {
                tcp.fn("tcp_try_undo_loss", () -> sk.describe());
                tcp.inc(Counter.TcpExtTCPLossUndo);
                sk.inLoss = false;
                if (sk.state != TcpState.TCP_SYN_SENT && sk.state != TcpState.TCP_SYN_RECV) {
                    sk.cwnd = Math.max(sk.cwnd, sk.priorCwnd);
                    sk.ssthresh = Math.max(sk.ssthresh, sk.priorSsthresh);
                }
            }
        }
    }

    /**
     * tcp_dsack_set: remember [seq, endSeq) of a duplicate to report once as a D-SACK block
     * (RFC 2883) on the next ACK; only when SACK was negotiated and tcp_dsack is on.
     */
    private void dsackSet(TcpSock sk, int seq, int endSeq) {
        if (!sk.sackOk || tcp.sysctl("tcp_dsack") == 0) {
            return;
        }
        if (Seq.before(seq, sk.rcvNxt)) {
            tcp.inc(Counter.TcpExtTCPDSACKOldSent);
        }
        sk.dsack = new SackBlock(seq, endSeq);
    }

    /** tcp_clean_rtx_queue: drop acked bytes, RTT sample (Karn), grow cwnd, re-arm or stop the RTO. */
    private void cleanRtxQueue(TcpSock sk, int priorUna, int ack) {
        int acked = ack - priorUna;
        int dataAcked = acked;
        if (sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV) {
            dataAcked = Math.max(0, acked - 1); // the SYN's sequence number
        }
        if (sk.finQueued && Seq.after(ack, sk.finSeq)) {
            dataAcked = Math.max(0, dataAcked - 1);
        }
        sk.sendQueue.drop(Math.min(dataAcked, sk.sendQueue.size()));
        sk.bytesAcked += Integer.toUnsignedLong(acked); // tcp_snd_una_update
        sk.sndUna = ack;
        while (!sk.inFlightSegs.isEmpty() && !Seq.after((int) sk.inFlightSegs.peekFirst()[1], ack)) {
            sk.inFlightSegs.pollFirst();
        }
        if (sk.inLoss && Seq.after(ack, sk.highSeq)) {
            sk.inLoss = false; // tcp_process_loss: recovered, back to TCP_CA_Open
        }
        if (sk.rttTiming && !Seq.before(ack, sk.rttSeq)) {
            if (sk.retransmits == 0) {
                rttSample(sk, (tcp.now() - sk.rttStart) / 1000);
            }
            sk.rttTiming = false;
            sk.rttSeq = 0;
        }
        if (sk.retransmits > 0 && sk.state != TcpState.TCP_SYN_SENT) {
            sk.retransmits = 0;
            sk.backoff = 0;
            setRto(sk);
        }
        sk.totalRto = 0;
        // Reno: slow start below ssthresh, +1 MSS per window above
        if (sk.state != TcpState.TCP_SYN_SENT) {
            if (sk.cwnd < sk.ssthresh) {
                sk.cwnd++;
            } else if (++sk.cwndCnt >= sk.cwnd) {
                sk.cwndCnt = 0;
                sk.cwnd++;
            }
        }
        // FLAG_SET_XMIT_TIMER → tcp_set_xmit_timer: the loss probe if it applies, else the RTO (or none)
        tcp.lossProbe.setXmitTimer(sk);
        SocketEvents.writeSpace(sk);
    }

    /** tcp_rtt_estimator + tcp_set_rto: srtt, rttvar; rto = srtt + max(4 rttvar, rto_min). */
    void rttSample(TcpSock sk, long rttUs) {
        rttUs = Math.max(1, rttUs);
        if (sk.srttUs == 0) {
            sk.srttUs = rttUs;
            sk.rttvarUs = rttUs / 2;
        } else {
            long err = rttUs - sk.srttUs;
            sk.srttUs += err / 8;
            sk.rttvarUs += (Math.abs(err) - sk.rttvarUs) / 4;
        }
        setRto(sk);
    }

    private void setRto(TcpSock sk) {
        if (sk.srttUs == 0) {
            return;
        }
        long rtoMin = tcp.sysctl("tcp_rto_min_us") * 1000L;
        long rto = sk.srttUs * 1000 + Math.max(4 * sk.rttvarUs * 1000, rtoMin);
        sk.rto = Math.min(rto, tcp.sysctl("tcp_rto_max_ms") * Tcp.MS);
    }

    // ------------------------------------------------------------------ data

    /** tcp_data_queue: in-order data to the receive queue, out-of-order kept, FIN via tcp_fin. */
    void dataQueue(TcpSock sk, SkBuff skb) {
        byte[] data = skb.th().payload();
        boolean fin = skb.fin();
        if (skb.seq() == skb.endSeq()) {
            return; // no sequence space: nothing to queue
        }
        if (skb.syn() && !Seq.after(skb.endSeq(), sk.rcvNxt)) {
            // the peer's SYN(-ACK) again, e.g. after a simultaneous open (linux-handshake.md 10.1):
            // an old duplicate, ACKed at once with a D-SACK block for it
            tcp.inc(Counter.TcpExtDelayedACKLost);
            dsackSet(sk, skb.seq(), skb.endSeq());
            tcp.output.sendAck(sk);
            return;
        }
        int seq = skb.seq();
        if (seq == sk.rcvNxt || (Seq.before(seq, sk.rcvNxt) && Seq.after(skb.endSeq(), sk.rcvNxt))) {
            int skip = sk.rcvNxt - seq;
            if (skip > 0) {
                dsackSet(sk, seq, sk.rcvNxt); // partial duplicate: D-SACK the old part
            }
            if (skip > 0 && skip <= data.length) {
                byte[] d = new byte[data.length - skip];
                System.arraycopy(data, skip, d, 0, d.length);
                data = d;
            }
            if (data.length > 0 && (sk.skShutdown & 1) == 0) {
                sk.receiveQueue.add(data);
            }
            sk.rcvNxt += data.length;
            sk.bytesReceived += data.length; // tcp_rcv_nxt_update
            eventDataRecv(sk, data.length);
            if (fin) {
                sk.rcvNxt++;
                fin(sk);
            }
            // pull in-order segments from the out-of-order queue
            while (!sk.outOfOrder.isEmpty()) {
                Map.Entry<Integer, byte[]> e = sk.outOfOrder.firstEntry();
                if (Seq.after(e.getKey(), sk.rcvNxt)) {
                    break;
                }
                sk.outOfOrder.pollFirstEntry();
                int end = e.getKey() + e.getValue().length;
                if (Seq.after(end, sk.rcvNxt)) {
                    int s = sk.rcvNxt - e.getKey();
                    byte[] d = new byte[end - sk.rcvNxt];
                    System.arraycopy(e.getValue(), s, d, 0, d.length);
                    sk.receiveQueue.add(d);
                    sk.rcvNxt = end;
                }
            }
            sk.ackPending = true;
            if (data.length > 0) {
                SocketEvents.dataReady(sk);
            }
            return;
        }
        if (!Seq.after(skb.endSeq(), sk.rcvNxt)) {
            // a duplicate: ACK at once with a D-SACK block (tcp_enter_quickack_mode, DelayedACKLost)
            tcp.inc(Counter.TcpExtDelayedACKLost);
            dsackSet(sk, seq, skb.endSeq());
            tcp.output.sendAck(sk);
            return;
        }
        // out of order: keep it, ACK at once so the sender sees the hole
        tcp.inc(Counter.TcpExtTCPOFOQueue);
        if (data.length > 0) {
            sk.outOfOrder.put(seq, data);
        }
        tcp.output.sendAck(sk);
    }

    /** tcp_event_data_recv: the first data starts quick-ACK mode; note the arrival time. */
    private void eventDataRecv(TcpSock sk, int len) {
        if (len == 0) {
            return;
        }
        long now = tcp.now();
        if (sk.ato == 0) {
            incrQuickack(sk);
            sk.ato = Tcp.TCP_ATO_MIN;
        } else {
            // the ato estimator: follow the inter-arrival time of data
            long m = now - sk.lastRcvTime;
            if (m <= Tcp.TCP_ATO_MIN / 2) {
                sk.ato = (sk.ato >> 1) + Tcp.TCP_ATO_MIN / 2;
            } else if (m < sk.ato) {
                sk.ato = Math.min((sk.ato >> 1) + m, sk.rto);
            } else if (m > sk.rto) {
                incrQuickack(sk); // a long gap: ACK quickly again
            }
        }
        sk.rcvMss = Math.max(sk.rcvMss, Math.min(len, sk.advmss));
        sk.lastRcvTime = now;
    }

    /** tcp_incr_quickack: rcv_wnd / (2 rcv_mss) quick ACKs (2 if none), at most TCP_MAX_QUICKACKS. */
    private void incrQuickack(TcpSock sk) {
        int quickacks = sk.rcvWnd / (2 * Math.max(1, sk.rcvMss));
        if (quickacks == 0) {
            quickacks = 2;
        }
        quickacks = Math.min(quickacks, TcpOutput.TCP_MAX_QUICKACKS);
        if (quickacks > sk.ackQuick) {
            sk.ackQuick = quickacks;
        }
    }

    /** tcp_fin (linux-handshake.md 10.2): CLOSE_WAIT with pingpong, CLOSING, or TIME_WAIT. */
    void fin(TcpSock sk) {
        tcp.fn("tcp_fin", sk.state);
        sk.ackPending = true;
        sk.skShutdown |= 1;
        switch (sk.state) {
            case TCP_SYN_RECV, TCP_ESTABLISHED -> {
                tcp.setState(sk, TcpState.TCP_CLOSE_WAIT);
                sk.pingpong = true;
            }
            case TCP_FIN_WAIT1 -> {
                tcp.output.sendAck(sk);
                tcp.setState(sk, TcpState.TCP_CLOSING);
            }
            case TCP_FIN_WAIT2 -> {
                tcp.output.sendAck(sk);
                tcp.minisocks.timeWait(sk, TcpState.TCP_TIME_WAIT, 0);
            }
            default -> { }
        }
        sk.outOfOrder.clear();
        if (!sk.dead) {
            SocketEvents.stateChanged(sk);
            SocketEvents.dataReady(sk);
        }
    }

    /**
     * __tcp_ack_snd_check: ACK now when more than one full segment is unacknowledged, in
     * quick-ACK mode (not pingpong), or with out-of-order data; else a delayed ACK.
     */
    void ackSndCheck(TcpSock sk) {
        if (!sk.ackPending) {
            return;
        }
        boolean quick = sk.ackQuick > 0 && !sk.pingpong;
        boolean moreThanOne = sk.rcvNxt - sk.rcvWup > sk.rcvMss;
        if (moreThanOne || quick || !sk.outOfOrder.isEmpty()) {
            tcp.output.sendAck(sk); // the quick-ACK credit is used in tcp_event_ack_sent
        } else {
            tcp.output.sendDelayedAck(sk);
        }
    }
}
