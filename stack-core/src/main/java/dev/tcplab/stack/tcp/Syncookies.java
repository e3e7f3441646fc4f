package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.sim.SipHash;
import dev.tcplab.stack.wire.Ipv4Address;

/**
 * net/ipv4/syncookies.c: the SYN cookie (ISN) encoding with a minute counter, an MSS-table
 * index, and two keyed hashes; options (wscale, SACK, ECN) in the low bits of the SYN-ACK's TSval.
 */
public final class Syncookies {
    static final int COOKIEBITS = 24;
    static final int COOKIEMASK = (1 << COOKIEBITS) - 1;
    static final int MAX_SYNCOOKIE_AGE = 2;
    /** TCP_SYNCOOKIE_PERIOD: the counter ticks every minute. */
    static final long PERIOD_NS = 60 * Tcp.SEC;
    /** TCP_SYNCOOKIE_VALID: cookies are checked only within 2 minutes of the last one sent. */
    static final long VALID_NS = 2 * PERIOD_NS;
    static final int[] MSSTAB = {536, 1300, 1440, 1460};
    static final int TSBITS = 6;
    static final int TS_OPT_WSCALE_MASK = 0xf;
    static final int TS_OPT_SACK = 1 << 4;
    static final int TS_OPT_ECN = 1 << 5;

    private final Tcp tcp;
    private final SipHash[] secret = new SipHash[2];
    private CookieCodec codec;

    /** A lab hook: a student's cookie codec replaces the kernel's (null = kernel's). */
    public interface CookieCodec {
        int encode(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int clientIsn, int mssIndex, int minute);

        /** The MSS index (0..3) if the cookie is valid now, else -1. */
        int decode(int cookie, Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int clientIsn, int minute);
    }

    Syncookies(Tcp tcp, Rng rng) {
        this.tcp = tcp;
        secret[0] = new SipHash(rng.nextLong(), rng.nextLong());
        secret[1] = new SipHash(rng.nextLong(), rng.nextLong());
    }

    public void setCodec(CookieCodec codec) {
        this.codec = codec;
    }

    /** tcp_cookie_time: minutes of jiffies. */
    int cookieTime() {
        return (int) (tcp.jiffiesNs() / PERIOD_NS);
    }

    private int hash(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int count, int c) {
        return (int) secret[c].hash4(saddr.bits(), daddr.bits(), (sport << 16) | dport, count);
    }

    /** secure_tcp_syn_cookie. */
    int secureTcpSynCookie(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int sseq, int data) {
        int count = cookieTime();
        if (codec != null) {
            return codec.encode(saddr, daddr, sport, dport, sseq, data, count);
        }
        return hash(saddr, daddr, sport, dport, 0, 0) + sseq + (count << COOKIEBITS)
                + ((hash(saddr, daddr, sport, dport, count, 1) + data) & COOKIEMASK);
    }

    /** check_tcp_syn_cookie: the data (MSS index) or -1. */
    int checkTcpSynCookie(int cookie, Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, int sseq) {
        int count = cookieTime();
        if (codec != null) {
            return codec.decode(cookie, saddr, daddr, sport, dport, sseq, count);
        }
        cookie -= hash(saddr, daddr, sport, dport, 0, 0) + sseq;
        int diff = (count - (cookie >>> COOKIEBITS)) & (0xFFFFFFFF >>> COOKIEBITS);
        if (diff >= MAX_SYNCOOKIE_AGE) {
            return -1;
        }
        return (cookie - hash(saddr, daddr, sport, dport, count - diff, 1)) & COOKIEMASK;
    }

    /** __cookie_v4_init_sequence: the ISN, and the MSS the server will assume (msstab entry). */
    record Init(int isn, int mss) {}

    Init initSequence(SkBuff skb, int clientMss) {
        int mssind = MSSTAB.length - 1;
        for (; mssind > 0; mssind--) {
            if (clientMss >= MSSTAB[mssind]) {
                break;
            }
        }
        int isn = secureTcpSynCookie(skb.saddr(), skb.daddr(), skb.th().srcPort(), skb.th().dstPort(),
                skb.seq(), mssind);
        return new Init(isn, MSSTAB[mssind]);
    }

    /** __cookie_v4_check: the MSS encoded in the ACK's cookie, or 0. */
    int check(SkBuff skb) {
        int cookie = skb.ackSeq() - 1;
        int seq = skb.seq() - 1;
        int mssind = checkTcpSynCookie(cookie, skb.saddr(), skb.daddr(), skb.th().srcPort(), skb.th().dstPort(), seq);
        return mssind >= 0 && mssind < MSSTAB.length ? MSSTAB[mssind] : 0;
    }

    /** cookie_init_timestamp: TSval (before ts_off) with the client's options in the low 6 bits. */
    int initTimestamp(RequestSock req, int tsNowMs) {
        int options = req.wscaleOk ? req.sndWscale : TS_OPT_WSCALE_MASK;
        if (req.sackOk) {
            options |= TS_OPT_SACK;
        }
        long now = Integer.toUnsignedLong(tsNowMs);
        long ts = ((now >>> TSBITS) << TSBITS) | options;
        if (ts > now) {
            ts -= 1L << TSBITS;
        }
        return (int) ts;
    }
}
