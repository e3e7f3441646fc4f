package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;

/**
 * The tail loss probe (RFC 8985 TLP as Linux 6.18 has it, tcp_early_retrans 3): instead of
 * waiting a whole RTO for the last segments of a flight, the retransmit timer is first armed
 * as a probe timer (tcp_schedule_loss_probe: 2·srtt, plus tcp_rto_min when one segment is out,
 * never later than the RTO), and when it fires tcp_send_loss_probe sends new data if the window
 * allows, else retransmits the last segment, then re-arms the full RTO. An ACK beyond the probe
 * shows it repaired a loss (TCPLossProbeRecovery). RACK's reordering timer and the recovery
 * the probe triggers through SACK are not modelled.
 */
final class TcpLossProbe {
    private final Tcp tcp;

    TcpLossProbe(Tcp tcp) {
        this.tcp = tcp;
    }

    /** tcp_schedule_loss_probe: false when no probe applies (then the caller arms the RTO). */
    boolean schedule(TcpSock sk, boolean advancingRto) {
        int earlyRetrans = tcp.sysctl("tcp_early_retrans");
        // SACK connections with data out, not in loss recovery (TCP_CA_Open)
        if ((earlyRetrans != 3 && earlyRetrans != 4) || sk.sndNxt == sk.sndUna || !sk.sackOk || sk.inLoss
                || sk.dupAcks > 0 || !dataState(sk)) {
            return false;
        }
        long timeout;
        if (sk.srttUs > 0) {
            // "Probe timeout is 2*rtt. Add minimum RTO to account for delayed ack when there's one outstanding packet."
            timeout = 2 * sk.srttUs * 1000L + (packetsOut(sk) == 1 ? tcp.sysctl("tcp_rto_min_us") * 1000L : Tcp.TCP_TIMEOUT_MIN);
        } else {
            timeout = Tcp.TCP_TIMEOUT_INIT;
        }
        // "If the RTO formula yields an earlier time, then use that time."
        long rtoDelta = advancingRto ? sk.rto : rtoDelta(sk);
        if (rtoDelta > 0) {
            timeout = Math.min(timeout, rtoDelta);
        }
        long pto = timeout;
        tcp.fn("tcp_schedule_loss_probe", () -> "pto " + pto / Tcp.MS + " ms");
        sk.lossProbePending = true;
        tcp.timers.resetXmitTimer(sk, pto);
        return true;
    }

    /** tcp_set_xmit_timer: after an ACK that acked data, the probe timer if it applies, else the RTO. */
    void setXmitTimer(TcpSock sk) {
        if (!schedule(sk, true)) {
            rearmRto(sk);
        }
    }

    /**
     * tcp_rearm_rto: no data out, no timer; else the RTO, counted from the head segment's last
     * transmission when the probe timer was the pending one.
     */
    void rearmRto(TcpSock sk) {
        if (sk.sndNxt == sk.sndUna) {
            sk.lossProbePending = false;
            tcp.timers.clearRetransmit(sk);
            return;
        }
        long rto = sk.rto;
        if (sk.lossProbePending) {
            rto = Math.max(rtoDelta(sk), 1);
        }
        sk.lossProbePending = false;
        tcp.timers.resetXmitTimer(sk, rto);
    }

    /** tcp_send_loss_probe: at most one probe out; new data if the window allows, else the last segment again. */
    void send(TcpSock sk) {
        sk.lossProbePending = false;
        if (!sk.tlpHigh) {
            sk.tlpRetrans = false;
            int before = sk.sndNxt;
            tcp.output.writeLossProbe(sk);
            boolean sent = sk.sndNxt != before;
            if (!sent && !sk.inFlightSegs.isEmpty()) {
                long[] last = sk.inFlightSegs.peekLast();
                tcp.fn("tcp_send_loss_probe", () -> "retransmit seq " + Integer.toUnsignedString((int) last[0]));
                tcp.output.retransmitSegment(sk, last);
                tcp.inc(Counter.TcpRetransSegs);
                sk.totalRetrans++;
                sk.tlpRetrans = true;
                sent = true;
            }
            if (sent) {
                sk.tlpHigh = true;
                sk.tlpHighSeq = sk.sndNxt;
                tcp.inc(Counter.TcpExtTCPLossProbes);
            }
        }
        rearmRto(sk);
    }

    /**
     * tcp_process_tlp_ack: an ACK at or beyond the probe's snd_nxt ends the episode; one beyond
     * it after a retransmitted probe (no D-SACK saying both copies arrived) means the probe
     * repaired a loss: TCPLossProbeRecovery (the cwnd reduction is not modelled).
     */
    void processAck(TcpSock sk, int ack, boolean sndUnaAdvanced, boolean notDup, boolean dsack) {
        if (!sk.tlpHigh || Seq.before(ack, sk.tlpHighSeq)) {
            return;
        }
        if (!sk.tlpRetrans || dsack) {
            sk.tlpHigh = false;
        } else if (Seq.after(ack, sk.tlpHighSeq)) {
            sk.tlpHigh = false;
            tcp.inc(Counter.TcpExtTCPLossProbeRecovery);
        } else if (!sndUnaAdvanced && !notDup) {
            sk.tlpHigh = false; // a pure duplicate ACK: the original and the probe both arrived
        }
    }

    /** tcp_rto_delta_us: how far in the future the RTO is, counted from the head segment's last transmission. */
    private long rtoDelta(TcpSock sk) {
        long[] head = sk.inFlightSegs.peekFirst();
        long sent = head != null ? head[2] : tcp.now();
        return sent + sk.rto - tcp.now();
    }

    /** packets_out: the data (and FIN) segments in flight. */
    private static int packetsOut(TcpSock sk) {
        return Math.max(1, sk.inFlightSegs.size());
    }

    private static boolean dataState(TcpSock sk) {
        return sk.state.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_CLOSE_WAIT, TcpState.TCP_FIN_WAIT1,
                TcpState.TCP_CLOSING, TcpState.TCP_LAST_ACK);
    }
}
