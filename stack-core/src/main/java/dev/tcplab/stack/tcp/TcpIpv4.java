package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.List;

/**
 * net/ipv4/tcp_ipv4.c: the IPv4 glue — tcp_v4_rcv (receive entry, socket lookup, request and
 * timewait dispatch), tcp_v4_do_rcv, tcp_v4_connect, tcp_v4_send_reset, tcp_v4_send_ack
 * (for request and timewait socks), tcp_v4_send_synack, tcp_v4_syn_recv_sock, cookie check.
 */
public final class TcpIpv4 {
    private final Tcp tcp;

    TcpIpv4(Tcp tcp) {
        this.tcp = tcp;
    }

    /**
     * tcp_v4_rcv, after the IP layer verified the header and handed over a TCP segment whose
     * header and checksum the caller has checked (counting InSegs/InErrs/InCsumErrors as Linux).
     */
    public void rcv(SkBuff skb) {
        tcp.fn("tcp_v4_rcv", () -> TcpFlags.letters(skb.flags()) + " " + skb.saddr() + ":" + skb.th().srcPort()
                + ">" + skb.daddr() + ":" + skb.th().dstPort());
        Sock sk = tcp.hashtables.lookup(skb);
        while (true) {
            if (sk == null) {
                noTcpSocket(skb);
                return;
            }
            if (sk instanceof TimeWaitSock tw) {
                doTimeWait(tw, skb);
                return;
            }
            if (sk instanceof RequestSock req) {
                TcpSock listener = req.listener;
                if (listener.state != TcpState.TCP_LISTEN) {
                    tcp.icsk.reqskQueueDropAndPut(listener, req);
                    sk = tcp.hashtables.lookup(skb);
                    continue;
                }
                Sock nsk = tcp.minisocks.checkReq(listener, skb, req);
                if (nsk == null) {
                    return;
                }
                if (nsk == listener) {
                    doRcv(listener, skb);
                    return;
                }
                TcpSock child = (TcpSock) nsk;
                if (tcp.minisocks.childProcess(listener, child, skb)) {
                    sendReset(child, skb);
                }
                return;
            }
            doRcv((TcpSock) sk, skb);
            return;
        }
    }

    private void noTcpSocket(SkBuff skb) {
        sendReset(null, skb);
    }

    /** tcp_v4_do_rcv. */
    void doRcv(TcpSock sk, SkBuff skb) {
        tcp.fn("tcp_v4_do_rcv", sk.state);
        if (sk.state == TcpState.TCP_LISTEN && !skb.syn()) {
            TcpSock nsk = cookieCheck(sk, skb);
            if (nsk == null) {
                return;
            }
            if (nsk != sk) {
                if (tcp.minisocks.childProcess(sk, nsk, skb)) {
                    sendReset(nsk, skb);
                }
                return;
            }
        }
        if (sk.state != TcpState.TCP_LISTEN) { // tcp_segs_in
            sk.segsIn++;
            if (skb.payloadLength() > 0) {
                sk.dataSegsIn++;
            }
        }
        if (tcp.input.rcvStateProcess(sk, skb)) {
            sendReset(sk, skb);
        }
    }

    /**
     * tcp_v4_cookie_check → cookie_v4_check: a bare ACK to a listener that sent cookies in the
     * last two minutes may carry a valid cookie; then a child is built from it.
     * Returns sk when the segment is not a cookie ACK, null to drop, or the child.
     */
    private TcpSock cookieCheck(TcpSock sk, SkBuff skb) {
        if (tcp.sysctl("tcp_syncookies") == 0 || !skb.ack() || skb.rst()) {
            return sk;
        }
        AcceptQueue q = sk.acceptQueue;
        if (q.lastOverflow == Long.MIN_VALUE || tcp.jiffiesNs() - q.lastOverflow > Syncookies.VALID_NS) {
            return sk;
        }
        tcp.fn("cookie_v4_check", () -> skb.saddr() + ":" + skb.th().srcPort());
        int mss = tcp.syncookies.check(skb);
        if (mss == 0) {
            tcp.inc(Counter.TcpExtSyncookiesFailed);
            return sk;
        }
        tcp.inc(Counter.TcpExtSyncookiesRecv);
        RequestSock req = tcp.input.cookieRequest(sk, skb, mss);
        if (req == null) {
            return null;
        }
        // tcp_get_cookie_sock
        TcpSock child = synRecvSock(sk, skb, req);
        if (child == null) {
            return null;
        }
        if (!tcp.icsk.reqskQueueAdd(sk, req, child)) {
            return null;
        }
        return child;
    }

    /** Timewait dispatch (do_time_wait in tcp_v4_rcv). */
    private void doTimeWait(TimeWaitSock tw, SkBuff skb) {
        TcpMinisocks.TwVerdict v = tcp.minisocks.timewaitStateProcess(tw, skb);
        switch (v.kind()) {
            case SYN -> {
                TcpSock listener = tcp.hashtables.lookupListener(skb.daddr(), skb.th().dstPort());
                if (listener != null) {
                    tcp.minisocks.twKill(tw);
                    tcp.input.listenSyn(listener, skb, v.isn());
                    return;
                }
                // no listener: "to ACK", falls through to TCP_TW_ACK; the TIME_WAIT stays
                timewaitAck(tw);
            }
            case ACK -> timewaitAck(tw);
            case RST -> {
                sendReset(null, skb);
                tcp.minisocks.twKill(tw);
            }
            case SUCCESS -> { }
        }
    }

    /**
     * tcp_v4_send_reset: never for a RST; with ACK in the offending segment, seq = its ack and no
     * ACK flag; otherwise seq 0, RST|ACK, ack = seq + SYN + FIN + length. Window 0, no options,
     * IP id 0, from the control socket (no rate limit).
     */
    void sendReset(TcpSock sk, SkBuff skb) {
        if (skb.rst()) {
            return;
        }
        int seq;
        int ack;
        int flags;
        if (skb.ack()) {
            seq = skb.ackSeq();
            ack = 0;
            flags = TcpFlags.RST;
        } else {
            seq = 0;
            ack = skb.seq() + skb.th().segmentLength();
            flags = TcpFlags.RST | TcpFlags.ACK;
        }
        tcp.fn("tcp_v4_send_reset", () -> TcpFlags.letters(flags) + " seq " + Integer.toUnsignedString(seq));
        TcpRepr th = new TcpRepr(skb.th().dstPort(), skb.th().srcPort(), seq, ack, flags, 0, 0, TcpOptions.NONE, new byte[0]);
        tcp.inc(Counter.TcpOutSegs);
        tcp.inc(Counter.TcpOutRsts);
        tcp.ip.send(skb.daddr(), skb.saddr(), skb.tos(), 0, th, true);
    }

    /** tcp_v4_send_ack: a bare ACK from the control socket (timewait and request socks). */
    void sendControlAck(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int seq, int ack,
                        int window, boolean ts, int tsval, int tsecr) {
        TcpOptions opts = ts ? TcpOptions.established(true, tsval, tsecr, List.of()) : TcpOptions.NONE;
        TcpRepr th = new TcpRepr(sport, dport, seq, ack, TcpFlags.ACK, window, 0, opts, new byte[0]);
        tcp.fn("tcp_v4_send_ack", () -> "seq " + Integer.toUnsignedString(seq) + " ack " + Integer.toUnsignedString(ack));
        tcp.inc(Counter.TcpOutSegs);
        tcp.ip.send(saddr, daddr, 0, 0, th, true);
    }

    /** tcp_v4_timewait_ack. */
    void timewaitAck(TimeWaitSock tw) {
        sendControlAck(tw.saddr, tw.daddr, tw.sport, tw.dport, tw.sndNxt, tw.rcvNxt, tw.rcvWnd >>> tw.rcvWscale,
                tw.tstampOk, tcp.tcpTimeStamp() + tw.tsOffset, tw.tsRecent);
    }

    /** tcp_v4_reqsk_send_ack: the request sock answers an out-of-window segment. */
    void reqskSendAck(RequestSock req) {
        sendControlAck(req.saddr, req.daddr, req.sport, req.dport, req.sntIsn + 1, req.rcvNxt,
                req.rcvWnd >>> req.rcvWscale, req.tstampOk, tcp.tcpTimeStamp() + req.tsOff, req.tsRecent);
    }

    /**
     * tcp_v4_send_synack → tcp_make_synack → ip_build_and_send_pkt: MSS = our advmss, then
     * the options the SYN offered; TSval from the request's ts_off (a cookie's carries options).
     * Every SYN-ACK counts in OutSegs, retransmissions too.
     */
    void sendSynack(TcpSock listener, RequestSock req) {
        tcp.fn("tcp_v4_send_synack", () -> req.describe());
        int tsNow = tcp.tcpTimeStamp();
        int tsval = req.cookie && req.tstampOk ? tcp.syncookies.initTimestamp(req, tsNow) : tsNow;
        TcpOptions opts = TcpOptions.syn(advmssFor(listener, req), req.sackOk, req.tstampOk,
                req.tstampOk ? tsval + req.tsOff : 0, req.tstampOk ? req.tsRecent : 0,
                req.wscaleOk ? req.rcvWscale : -1);
        TcpRepr th = new TcpRepr(req.sport, req.dport, req.sntIsn, req.rcvNxt, TcpFlags.SYN | TcpFlags.ACK,
                Math.min(req.rcvWnd, 65535), 0, opts, new byte[0]);
        tcp.inc(Counter.TcpOutSegs);
        tcp.ip.send(req.saddr, req.daddr, 0, 0, th, false);
    }

    int advmssFor(TcpSock listener, RequestSock req) {
        int advmss = Math.max(88, tcp.mtuTo(req.daddr) - 40);
        if (listener.userMss > 0) {
            advmss = Math.min(advmss, listener.userMss);
        }
        return advmss;
    }

    /**
     * tcp_v4_connect: route and source address, state SYN_SENT (before the port is chosen),
     * inet_hash_connect, ISN and ts_off from the 4-tuple, tcp_connect. On failure: CLOSE again.
     */
    Errno connect(TcpSock sk, Ipv4Address daddr, int dport) {
        tcp.fn("tcp_v4_connect", () -> daddr + ":" + dport);
        if (daddr.isMulticast() || daddr.isBroadcast()) {
            return Errno.ENETUNREACH;
        }
        Ipv4Address src = tcp.sourcePicker.pick(daddr);
        if (src == null) {
            return Errno.ENETUNREACH;
        }
        if (sk.saddr.isAny()) {
            sk.saddr = src;
        }
        sk.daddr = daddr;
        sk.dport = dport;
        sk.mssClamp = Tcp.TCP_MSS_DEFAULT;
        tcp.setState(sk, TcpState.TCP_SYN_SENT);
        Errno err = tcp.hashtables.hashConnect(sk);
        if (err != Errno.OK) {
            tcp.setState(sk, TcpState.TCP_CLOSE);
            sk.daddr = Ipv4Address.ANY;
            sk.dport = 0;
            return err;
        }
        SecureSeq.SeqAndTsOff st = tcp.secureSeq.seqAndTsOff(sk.saddr, sk.daddr, sk.sport, sk.dport);
        if (sk.writeSeq == 0) {
            sk.writeSeq = st.seq();
        }
        sk.tsOffset = st.tsOff();
        sk.inetId = tcp.rng.nextInt() & 0xFFFF;
        tcp.output.connect(sk);
        return Errno.OK;
    }

    /**
     * tcp_v4_syn_recv_sock: accept queue full → ListenOverflows + ListenDrops, no child;
     * otherwise tcp_create_openreq_child, MSS from the route, inherit the port, and
     * inet_ehash_nolisten replaces the request sock by the child in ehash.
     */
    TcpSock synRecvSock(TcpSock listener, SkBuff skb, RequestSock req) {
        tcp.fn("tcp_v4_syn_recv_sock", () -> req.describe());
        if (tcp.icsk.acceptqIsFull(listener)) {
            tcp.inc(Counter.TcpExtListenOverflows);
            tcp.inc(Counter.TcpExtListenDrops);
            return null;
        }
        TcpSock child = tcp.minisocks.createOpenreqChild(listener, req, skb);
        child.advmss = advmssFor(listener, req);
        child.mssCache = Math.min(req.mss, child.advmss) - (child.tstampOk ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0);
        child.rcvMss = Math.min(Tcp.TCP_MSS_DEFAULT, child.advmss);
        tcp.hashtables.inheritPort(listener, child);
        tcp.fn("inet_ehash_nolisten", () -> child.describe());
        tcp.hashtables.ehashNolisten(child, req.cookie ? null : req);
        return child;
    }
}
