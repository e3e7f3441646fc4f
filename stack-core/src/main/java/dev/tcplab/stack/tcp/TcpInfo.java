package dev.tcplab.stack.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What `ss -i` shows for a full socket (tcp_get_info, printed by ss's tcp_show_info), from the
 * model's state: a student compares it with a real machine's `ss -tanoei`. Times in
 * milliseconds as ss prints them (rto rounded up to whole jiffies at HZ=250, as icsk_rto is);
 * {@code ssthresh} is -1 while unset (TCP_INFINITE_SSTHRESH: ss omits it), {@code ato} 0 until
 * data arrived. Congestion-control details (bbr's bw, pacing and delivery rates) are not modelled.
 */
public record TcpInfo(boolean ts, boolean sack, int sndWscale, int rcvWscale, long rtoMs, double rttMs,
                      double rttvarMs, long atoMs, int mss, int pmtu, int rcvmss, int advmss, int cwnd,
                      int ssthresh, long bytesSent, long bytesRetrans, long bytesAcked, long bytesReceived,
                      long segsOut, long segsIn, long dataSegsOut, long dataSegsIn, long lastsndMs,
                      long lastrcvMs, long lastackMs, int retrans, int totalRetrans, int rcvSpace,
                      int rcvSsthresh, long sndWnd) {
    private static final long JIFFY_NS = Tcp.JIFFY_NS;

    static TcpInfo of(Tcp tcp, TcpSock t) {
        long now = tcp.now();
        long rtoJiffies = (t.rto + JIFFY_NS - 1) / JIFFY_NS; // icsk_rto is whole jiffies (usecs_to_jiffies)
        int rcvSpace = Math.min(t.rcvWnd, 10 * t.advmss); // tcp_init_buffer_space: TCP_INIT_CWND * advmss
        return new TcpInfo(t.tstampOk, t.sackOk, t.wscaleOk ? t.sndWscale : -1, t.wscaleOk ? t.rcvWscale : -1,
            rtoJiffies * JIFFY_NS / Tcp.MS, t.srttUs / 1000.0, t.rttvarUs / 1000.0, t.ato / Tcp.MS,
            t.mssCache, tcp.mtuTo(t.daddr), t.rcvMss, t.advmss, t.cwnd,
            t.ssthresh == Integer.MAX_VALUE ? -1 : t.ssthresh, t.bytesSent, t.bytesRetrans, t.bytesAcked,
            t.bytesReceived, t.segsOut, t.segsIn, t.dataSegsOut, t.dataSegsIn, since(now, t.lsndtime),
            since(now, t.lastRcvTime), since(now, t.rcvTstamp), t.retransmits, t.totalRetrans, rcvSpace,
            t.rcvSsthresh, Integer.toUnsignedLong(t.sndWnd));
    }

    private static long since(long now, long then) {
        return then <= 0 ? 0 : (now - then) / Tcp.MS;
    }

    /** The fields as ss prints them, in its order: "ts sack wscale:10,10 rto:204 rtt:0.04/0.02 mss:1448 ...". */
    public String ssText() {
        List<String> f = new ArrayList<>();
        if (ts) {
            f.add("ts");
        }
        if (sack) {
            f.add("sack");
        }
        if (sndWscale >= 0) {
            f.add("wscale:" + sndWscale + "," + rcvWscale);
        }
        f.add("rto:" + rtoMs);
        if (rttMs > 0) {
            f.add(String.format(Locale.ROOT, "rtt:%s/%s", num(rttMs), num(rttvarMs)));
        }
        if (atoMs > 0) {
            f.add("ato:" + atoMs);
        }
        f.add("mss:" + mss);
        f.add("pmtu:" + pmtu);
        f.add("rcvmss:" + rcvmss);
        f.add("advmss:" + advmss);
        f.add("cwnd:" + cwnd);
        if (ssthresh >= 0) {
            f.add("ssthresh:" + ssthresh);
        }
        add(f, "bytes_sent", bytesSent);
        add(f, "bytes_retrans", bytesRetrans);
        add(f, "bytes_acked", bytesAcked);
        add(f, "bytes_received", bytesReceived);
        add(f, "segs_out", segsOut);
        add(f, "segs_in", segsIn);
        add(f, "data_segs_out", dataSegsOut);
        add(f, "data_segs_in", dataSegsIn);
        f.add("lastsnd:" + lastsndMs);
        f.add("lastrcv:" + lastrcvMs);
        f.add("lastack:" + lastackMs);
        if (retrans > 0 || totalRetrans > 0) {
            f.add("retrans:" + retrans + "/" + totalRetrans);
        }
        f.add("rcv_space:" + rcvSpace);
        f.add("rcv_ssthresh:" + rcvSsthresh);
        f.add("snd_wnd:" + sndWnd);
        return String.join(" ", f);
    }

    private static void add(List<String> f, String name, long v) {
        if (v > 0) {
            f.add(name + ":" + v);
        }
    }

    /** ss's %g-like millisecond figures: 0.061, 1.5, 204. */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s;
    }
}
