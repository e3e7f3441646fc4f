package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.sim.SipHash;
import dev.tcplab.stack.wire.Ipv4Address;

/**
 * net/core/secure_seq.c: ISN and timestamp offset from one keyed hash of the 4-tuple
 * (secure_tcp_seq_and_ts_off, upstream 165573e41f2f: per-connection ts_off), and the ephemeral
 * port offset with a 10-second time seed (secure_ipv4_port_ephemeral, 5.19+).
 */
public final class SecureSeq {
    private final Tcp tcp;
    private final SipHash netSecret;

    SecureSeq(Tcp tcp, Rng rng) {
        this.tcp = tcp;
        this.netSecret = new SipHash(rng.nextLong(), rng.nextLong());
    }

    /** ISN (low word) and ts_off (high word, 0 unless tcp_timestamps == 1). */
    public record SeqAndTsOff(int seq, int tsOff) {}

    public SeqAndTsOff seqAndTsOff(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport) {
        long hash = netSecret.hash3(saddr.bits(), daddr.bits(), (sport << 16) | dport);
        int tsOff = tcp.sysctl("tcp_timestamps") == 1 ? (int) (hash >>> 32) : 0;
        int seq = seqScale((int) hash);
        Tcp.IsnHook hook = tcp.isnHook();
        if (hook != null) {
            Integer chosen = hook.isn(saddr, daddr, sport, dport, tcp.now());
            if (chosen != null) {
                seq = chosen;
            }
        }
        return new SeqAndTsOff(seq, tsOff);
    }

    /** seq_scale: the hash plus a 64 ns real-time clock, so ISNs advance with time. */
    private int seqScale(int seq) {
        return seq + (int) (tcp.realtimeNs() >>> 6);
    }

    /** secure_ipv4_port_ephemeral: 64 bits; the low 16 index table_perturb, the high 32 add. */
    long portEphemeral(Ipv4Address saddr, Ipv4Address daddr, int dport) {
        int timeSeed = (int) (tcp.jiffiesNs() / InetHashtables.SHUFFLE_PERIOD_NS);
        return netSecret.hash4(saddr.bits(), daddr.bits(), dport, timeSeed);
    }
}
