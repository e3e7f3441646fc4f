package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.wire.SackBlock;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.List;

/**
 * net/ipv4/tcp_output.c: building and sending segments — tcp_connect, tcp_transmit_skb,
 * tcp_send_ack, delayed ACKs, tcp_write_xmit, tcp_send_fin, tcp_send_active_reset, window
 * selection (tcp_select_initial_window, tcp_select_window), tcp_make_synack.
 */
public final class TcpOutput {
    static final int TCP_MAX_QUICKACKS = 16;
    private final Tcp tcp;

    TcpOutput(Tcp tcp) {
        this.tcp = tcp;
    }

    /** What tcp_select_initial_window chose. */
    record InitialWindow(int rcvWnd, int windowClamp, int rcvWscale) {}

    /** tcp_full_space: what sk_rcvbuf can hold with the 50 % scaling_ratio (6.6+). */
    static int fullSpace(int rcvbuf) {
        return rcvbuf / 2;
    }

    /**
     * tcp_select_initial_window: window = space rounded down to a multiple of mss; wscale from
     * the largest buffer the socket could grow to (max(tcp_rmem[2], rmem_max)) - 15, clamped 0..14.
     */
    InitialWindow selectInitialWindow(int space, int mss, int windowClamp, boolean wscaleOk) {
        if (windowClamp == 0) {
            windowClamp = 65535 << 14;
        }
        space = Math.min(windowClamp, space);
        if (space > mss) {
            space = (space / mss) * mss;
        }
        int rcvWnd = space;
        int rcvWscale = 0;
        if (wscaleOk) {
            long s = Math.max(space, tcp.sysctls.getInts("net.ipv4.tcp_rmem")[2]);
            s = Math.max(s, tcp.sysctls.getInt("net.core.rmem_max"));
            s = Math.min(s, Integer.toUnsignedLong(windowClamp));
            int ilog2 = 63 - Long.numberOfLeadingZeros(s);
            rcvWscale = Math.max(0, Math.min(14, ilog2 - 15));
        }
        windowClamp = (int) Math.min(65535L << rcvWscale, Integer.toUnsignedLong(windowClamp));
        return new InitialWindow(rcvWnd, windowClamp, rcvWscale);
    }

    /**
     * tcp_select_window: offer the free space (bounded by rcv_ssthresh), never shrink an offered
     * window (align the current one up to the scale instead), and scale it down for the header.
     */
    int selectWindow(TcpSock sk) {
        int curWin = sk.rcvWup + sk.rcvWnd - sk.rcvNxt;
        if (curWin < 0) {
            curWin = 0;
        }
        int free = fullSpace(sk.rcvbuf) - sk.receiveQueue.size();
        free = Math.min(free, sk.rcvSsthresh);
        int newWin;
        if (free < Math.max(1, sk.rcvMss) && free < fullSpace(sk.rcvbuf) / 16) {
            newWin = 0;
        } else if (sk.rcvWscale > 0) {
            newWin = align(free, 1 << sk.rcvWscale);
        } else {
            newWin = free > sk.rcvMss ? (free / sk.rcvMss) * sk.rcvMss : free;
        }
        if (newWin < curWin) {
            newWin = align(curWin, 1 << sk.rcvWscale);
        }
        newWin = Math.min(newWin, 65535 << sk.rcvWscale);
        sk.rcvWnd = newWin;
        sk.rcvWup = sk.rcvNxt;
        if (!sk.wscaleOk) {
            newWin = Math.min(newWin, 65535);
        }
        return newWin >>> sk.rcvWscale;
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    int tsval(TcpSock sk) {
        return tcp.tcpTimeStamp() + sk.tsOffset;
    }

    /**
     * tcp_transmit_skb: header, options (tcp_syn_options / tcp_established_options), window,
     * checksum (in the wire layer), then ip_queue_xmit. OutSegs counts it unless it is a
     * retransmission of sequence space already sent.
     */
    void transmitSkb(TcpSock sk, int seq, int flags, byte[] payload, boolean retransmission) {
        boolean syn = (flags & TcpFlags.SYN) != 0;
        TcpOptions opts;
        int window;
        if (syn) {
            boolean ts = tcp.sysctl("tcp_timestamps") != 0;
            boolean sack = tcp.sysctl("tcp_sack") != 0;
            boolean ws = tcp.sysctl("tcp_window_scaling") != 0;
            if ((flags & TcpFlags.ACK) != 0) {
                // simultaneous open: echo what the peer offered
                ts = sk.tstampOk;
                sack = sk.sackOk;
                ws = sk.wscaleOk;
            }
            opts = TcpOptions.syn(sk.advmss, sack, ts, ts ? tsval(sk) : 0, ts ? sk.tsRecent : 0, ws ? sk.rcvWscale : -1);
            window = Math.min(sk.rcvWnd, 65535);
        } else {
            // tcp_established_options: nop,nop,TS then nop,nop,SACK; a D-SACK block goes out once
            List<SackBlock> blocks = List.of();
            if (sk.dsack != null && sk.sackOk) {
                blocks = List.of(sk.dsack);
                sk.dsack = null;
            }
            opts = sk.tstampOk || !blocks.isEmpty()
                    ? TcpOptions.established(sk.tstampOk, sk.tstampOk ? tsval(sk) : 0, sk.tstampOk ? sk.tsRecent : 0, blocks)
                    : TcpOptions.NONE;
            window = selectWindow(sk);
        }
        int ack = (flags & TcpFlags.ACK) != 0 ? sk.rcvNxt : 0;
        TcpRepr th = new TcpRepr(sk.sport, sk.dport, seq, ack, flags, window, 0, opts, payload);
        tcp.fn("tcp_transmit_skb", () -> TcpFlags.letters(flags) + " seq " + Integer.toUnsignedString(seq) + " len " + payload.length);
        if ((flags & TcpFlags.ACK) != 0) {
            eventAckSent(sk);
        }
        int segLen = th.segmentLength();
        if (!(retransmission && segLen > 0)) {
            tcp.inc(Counter.TcpOutSegs);
        }
        sk.segsOut++; // tcp_info: every segment, retransmissions too
        if (payload.length > 0) {
            sk.dataSegsOut++;
            sk.bytesSent += payload.length;
            if (retransmission) {
                sk.bytesRetrans += payload.length;
            }
        }
        if ((flags & TcpFlags.RST) != 0) {
            tcp.inc(Counter.TcpOutRsts);
        }
        tcp.ip.send(sk.saddr, sk.daddr, 0, sk.inetId++, th, false);
    }

    /**
     * tcp_event_ack_sent: an ACK went out, so no delayed ACK is owed. tcp_dec_quickack_mode: an
     * ACK that answered scheduled data uses up one quick ACK; the last one deflates ato.
     */
    private void eventAckSent(TcpSock sk) {
        if (sk.ackPending && sk.ackQuick > 0) {
            if (--sk.ackQuick == 0) {
                sk.ato = Tcp.TCP_ATO_MIN;
            }
        }
        sk.ackPending = false;
        if (sk.delackTimer != null) {
            sk.delackTimer.del();
        }
    }

    /** tcp_connect_init + tcp_connect: the first SYN, ActiveOpens, the retransmit timer. */
    void connect(TcpSock sk) {
        tcp.fn("tcp_connect", () -> sk.describe());
        boolean ts = tcp.sysctl("tcp_timestamps") != 0;
        sk.tcpHeaderLen = 20 + (ts ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0);
        sk.advmss = advmss(sk);
        if (sk.userMss > 0) {
            sk.advmss = Math.min(sk.advmss, sk.userMss);
        }
        sk.mssCache = Math.min(sk.advmss, Tcp.TCP_MSS_DEFAULT) - (ts ? Tcp.TCPOLEN_TSTAMP_ALIGNED : 0);
        InitialWindow w = selectInitialWindow(fullSpace(sk.rcvbuf), sk.advmss, sk.windowClamp,
                tcp.sysctl("tcp_window_scaling") != 0);
        sk.rcvWnd = w.rcvWnd();
        sk.windowClamp = w.windowClamp();
        sk.rcvWscale = w.rcvWscale();
        sk.rcvSsthresh = sk.rcvWnd;
        sk.rcvWup = 0;
        sk.rcvNxt = 0;
        sk.sndUna = sk.writeSeq;
        sk.sndNxt = sk.writeSeq;
        sk.rto = Tcp.TCP_TIMEOUT_INIT;
        sk.retransmits = 0;
        sk.totalRto = 0;
        sk.backoff = 0;
        int isn = sk.writeSeq;
        sk.writeSeq++;
        sk.retransStamp = tcp.tcpTimeStamp();
        sk.synSentAt = tcp.now();
        transmitSkb(sk, isn, TcpFlags.SYN, new byte[0], false);
        sk.sndNxt = sk.writeSeq;
        tcp.inc(Counter.TcpActiveOpens);
        tcp.timers.resetXmitTimer(sk, sk.rto);
    }

    /** dst_metric_advmss: route MTU - 40. */
    int advmss(TcpSock sk) {
        return Math.max(88, tcp.mtuTo(sk.daddr) - 40);
    }

    /** tcp_send_ack: a pure ACK at snd_nxt. */
    void sendAck(TcpSock sk) {
        if (sk.state == TcpState.TCP_CLOSE) {
            return;
        }
        tcp.fn("tcp_send_ack", () -> sk.describe());
        transmitSkb(sk, sk.sndNxt, TcpFlags.ACK, new byte[0], false);
    }

    /**
     * tcp_send_delayed_ack: ato above TCP_DELACK_MIN is bounded by the smoothed RTT (at least
     * 40 ms) and by 500 ms (TCP_DELACK_MAX in pingpong), then by tcp_delack_max (rto_min - 1
     * jiffy); an armed timer is kept if earlier, or the ACK goes now if it is due within ato/4.
     */
    void sendDelayedAck(TcpSock sk) {
        // icsk_ack.ato is 0 until data arrives (tcp_event_data_recv sets TCP_ATO_MIN), so the ACK
        // of a lone FIN is due at once: jiffies + 0, i.e. at the next tick (~0-4 ms at HZ=250)
        long ato = sk.ato;
        if (ato > Tcp.TCP_ATO_MIN) {
            long maxAto = sk.pingpong ? Tcp.TCP_DELACK_MAX : 500 * Tcp.MS;
            if (sk.srttUs > 0) {
                maxAto = Math.min(maxAto, Math.max(sk.srttUs * 1000, Tcp.TCP_ATO_MIN));
            }
            ato = Math.min(ato, maxAto);
        }
        ato = Math.min(ato, delackMax());
        long atoMs = ato / Tcp.MS;
        tcp.fn("tcp_send_delayed_ack", () -> atoMs + "ms");
        long when = tcp.now() + ato;
        if (sk.delackTimer != null && sk.delackTimer.pending()) {
            if (sk.delackTimer.expires() <= tcp.now() + (ato >> 2)) {
                sendAck(sk);
                return;
            }
            when = Math.min(when, sk.delackTimer.expires());
        }
        sk.ackPending = true;
        if (sk.delackTimer == null) {
            sk.delackTimer = tcp.loop.kernelTimer(tcp, () -> tcp.timers.delackTimer(sk));
        }
        sk.delackTimer.modAt(when);
    }

    /** tcp_delack_max (6.6+): min(TCP_DELACK_MAX, rto_min - 1 jiffy) = 196 ms at HZ=250. */
    long delackMax() {
        long rtoMin = tcp.sysctl("tcp_rto_min_us") * 1000L;
        return Math.min(Tcp.TCP_DELACK_MAX, Math.max(Tcp.JIFFY_NS, rtoMin - Tcp.JIFFY_NS));
    }

    /** inet_csk_reset_xmit_timer(ICSK_TIME_DACK, when): an ACK is owed, sent when the timer fires. */
    void armDelack(TcpSock sk, long when) {
        sk.ackPending = true;
        if (sk.delackTimer == null) {
            sk.delackTimer = tcp.loop.kernelTimer(tcp, () -> tcp.timers.delackTimer(sk));
        }
        sk.delackTimer.mod(when);
    }

    /** tcp_send_active_reset: RST|ACK at snd_nxt from a full socket (with timestamps). */
    /**
     * tcp_xmit_probe_skb(sk, 0): a segment the peer must answer without taking it as data: no
     * payload, sequence number snd_una - 1 (already acknowledged), ACK set.
     */
    void sendProbe(TcpSock sk) {
        tcp.fn("tcp_xmit_probe_skb", () -> sk.describe());
        transmitSkb(sk, sk.sndUna - 1, TcpFlags.ACK, new byte[0], false);
    }

    void sendActiveReset(TcpSock sk) {
        tcp.fn("tcp_send_active_reset", () -> sk.describe());
        transmitSkb(sk, sk.sndNxt, TcpFlags.RST | TcpFlags.ACK, new byte[0], false);
    }

    /** tcp_send_synack for a simultaneous open: our SYN becomes a SYN-ACK with the same ISN. */
    void sendSynackFull(TcpSock sk) {
        tcp.fn("tcp_send_synack", () -> sk.describe());
        // its sequence number was sent with the SYN (end_seq == snd_nxt): never counted in OutSegs
        transmitSkb(sk, sk.sndUna, TcpFlags.SYN | TcpFlags.ACK, new byte[0], true);
    }

    /** tcp_send_fin: the FIN takes one sequence number after the queued data. */
    void sendFin(TcpSock sk) {
        tcp.fn("tcp_send_fin", () -> sk.describe());
        sk.finQueued = true;
        sk.finSeq = sk.writeSeq;
        sk.writeSeq++;
        writeXmit(sk, true);
    }

    /** Bytes in flight (sent, not acked), counting SYN/FIN. */
    static int inFlight(TcpSock sk) {
        return sk.sndNxt - sk.sndUna;
    }

    /**
     * tcp_write_xmit: send what the congestion and receive windows allow, MSS at a time, with
     * Nagle; PSH on the last segment of the queue; the FIN rides on the last data segment.
     */
    void writeXmit(TcpSock sk, boolean push) {
        writeXmit(sk, push, false);
    }

    /** tcp_write_xmit(push_one = 2) for a loss probe: one new segment, Nagle off, cwnd ignored. */
    void writeLossProbe(TcpSock sk) {
        writeXmit(sk, true, true);
    }

    private void writeXmit(TcpSock sk, boolean push, boolean probe) {
        if (!sk.state.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_CLOSE_WAIT, TcpState.TCP_FIN_WAIT1,
                TcpState.TCP_CLOSING, TcpState.TCP_LAST_ACK)) {
            return;
        }
        int dataEnd = sk.finQueued ? sk.finSeq : sk.writeSeq;
        boolean sent = false;
        boolean priorPackets = sk.sndNxt != sk.sndUna;
        while (true) {
            int unsent = dataEnd - sk.sndNxt;
            boolean finPending = sk.finQueued && sk.sndNxt == sk.finSeq;
            if (unsent <= 0 && !finPending) {
                break;
            }
            int mss = sk.mssCache;
            int len = Math.min(unsent, mss);
            int cwndBytes = sk.cwnd * mss;
            int sndWndEnd = sk.sndUna + sk.sndWnd;
            if (len > 0) {
                if (inFlight(sk) + len > cwndBytes && inFlight(sk) > 0 && !probe) {
                    break;
                }
                if (Seq.after(sk.sndNxt + len, sndWndEnd)) {
                    len = sndWndEnd - sk.sndNxt;
                    if (len <= 0) {
                        tcp.timers.armProbeIfIdle(sk);
                        break;
                    }
                }
                // Nagle (tcp_nagle_check): hold a small segment while data is unacknowledged
                if (len < mss && !sk.nodelay && !probe && inFlight(sk) > 0 && !(sk.finQueued && len == unsent)) {
                    break;
                }
            }
            int off = sk.sndNxt - sk.sndUna;
            byte[] payload = len > 0 ? sk.sendQueue.peek(off, len) : new byte[0];
            int flags = TcpFlags.ACK;
            boolean lastData = sk.sndNxt + len == dataEnd;
            if (len > 0 && lastData && push) {
                flags |= TcpFlags.PSH;
            }
            boolean withFin = sk.finQueued && lastData;
            if (withFin) {
                flags |= TcpFlags.FIN;
            }
            int seq = sk.sndNxt;
            sk.sndNxt += len + (withFin ? 1 : 0);
            if (sk.rttSeq == 0 && !sk.rttTiming) {
                sk.rttTiming = true;
                sk.rttSeq = sk.sndNxt;
                sk.rttStart = tcp.now();
            }
            transmitSkb(sk, seq, flags, payload, false);
            sk.inFlightSegs.addLast(new long[] {seq, sk.sndNxt, tcp.now()});
            tcp.inc(Counter.TcpExtTCPOrigDataSent);
            eventDataSent(sk);
            sent = true;
            if (withFin || probe) {
                break;
            }
        }
        if (sent && !probe) {
            // tcp_event_new_data_sent: the RTO from the first packet out (or over a pending probe timer);
            // then "send one loss probe per tail loss episode" (tcp_schedule_loss_probe)
            if (!priorPackets || sk.lossProbePending || sk.retransmitTimer == null || !sk.retransmitTimer.pending()) {
                tcp.lossProbe.rearmRto(sk);
            }
            tcp.lossProbe.schedule(sk, false);
        }
    }

    /** tcp_event_data_sent: a reply within ato of the last received segment → pingpong (interactive). */
    private void eventDataSent(TcpSock sk) {
        sk.lsndtime = tcp.now();
        if (sk.lastRcvTime >= 0 && sk.ato > 0 && tcp.now() - sk.lastRcvTime < sk.ato) {
            sk.pingpong = true;
        }
    }

    /**
     * tcp_retransmit_skb for the head of the retransmit queue: the SYN (same ISN and options,
     * new TSval), a simultaneous-open SYN-ACK, or the first unacknowledged data/FIN.
     */
    void retransmitHead(TcpSock sk) {
        if (sk.state == TcpState.TCP_SYN_SENT) {
            transmitSkb(sk, sk.sndUna, TcpFlags.SYN, new byte[0], true);
            return;
        }
        if (sk.state == TcpState.TCP_SYN_RECV) {
            sendSynackFull(sk);
            return;
        }
        int dataEnd = sk.finQueued ? sk.finSeq : sk.writeSeq;
        int len = Math.min(Math.max(0, dataEnd - sk.sndUna), sk.mssCache);
        len = Math.min(len, Math.max(0, sk.sndNxt - sk.sndUna));
        byte[] payload = len > 0 ? sk.sendQueue.peek(0, len) : new byte[0];
        int flags = TcpFlags.ACK;
        boolean withFin = sk.finQueued && sk.sndUna + len == sk.finSeq && Seq.after(sk.sndNxt, sk.finSeq);
        if (withFin) {
            flags |= TcpFlags.FIN;
        }
        if (len > 0 && sk.sndUna + len == dataEnd) {
            flags |= TcpFlags.PSH;
        }
        if (len == 0 && !withFin) {
            return;
        }
        transmitSkb(sk, sk.sndUna, flags, payload, true);
        long[] head = sk.inFlightSegs.peekFirst();
        if (head != null) {
            head[2] = tcp.now();
        }
    }

    /**
     * __tcp_retransmit_skb of one queued segment as it was sent (its flags: PSH and FIN kept), as
     * the tail loss probe resends the last one.
     */
    void retransmitSegment(TcpSock sk, long[] seg) {
        int start = (int) seg[0];
        int end = (int) seg[1];
        boolean withFin = sk.finQueued && end == sk.finSeq + 1;
        int dataEnd = sk.finQueued ? sk.finSeq : sk.writeSeq;
        int len = (end - start) - (withFin ? 1 : 0);
        if (Seq.before(start, sk.sndUna)) {
            return;
        }
        byte[] payload = len > 0 ? sk.sendQueue.peek(start - sk.sndUna, len) : new byte[0];
        int flags = TcpFlags.ACK;
        if (len > 0 && start + len == dataEnd) {
            flags |= TcpFlags.PSH;
        }
        if (withFin) {
            flags |= TcpFlags.FIN;
        }
        tcp.fn("tcp_retransmit_skb", () -> sk.describe());
        transmitSkb(sk, start, flags, payload, true);
        seg[2] = tcp.now();
    }
}
