package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Mib;
import dev.tcplab.stack.host.Sysctls;
import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.function.Supplier;

/**
 * One host's TCP (the per-network-namespace state of net/ipv4/tcp*.c): its hash tables, secrets,
 * sysctls and counters, and the pieces of the connection code, each named for its kernel file.
 */
public final class Tcp {
    /** HZ of the reference kernel; used where the kernel counts jiffies (cookie time, port shuffle). */
    public static final long JIFFY_NS = 4_000_000L;
    public static final long MS = 1_000_000L;
    public static final long SEC = 1_000_000_000L;
    public static final long TCP_TIMEOUT_INIT = SEC;
    /** TCP_RTO_MIN: HZ / 5. */
    public static final long TCP_RTO_MIN = 200 * MS;
    public static final long TCP_TIMEOUT_MIN = 2 * JIFFY_NS;
    public static final long TCP_TIMEWAIT_LEN = 60 * SEC;
    public static final long TCP_DELACK_MAX = 200 * MS;
    public static final long TCP_ATO_MIN = 40 * MS;
    public static final int TCP_MSS_DEFAULT = 536;
    public static final int TCPOLEN_TSTAMP_ALIGNED = 12;

    /**
     * Sends an IPv4 packet carrying a TCP segment; false when there is no route. {@code reply}:
     * sent by ip_send_unicast_reply (the control socket's RSTs and ACKs), whose ip_send_skb
     * counts a packet the OUTPUT chain drops in IpOutDiscards; a full socket's segments
     * (ip_queue_xmit) and SYN-ACKs (ip_build_and_send_pkt) only return the error.
     */
    @FunctionalInterface
    public interface IpOutput {
        boolean send(Ipv4Address saddr, Ipv4Address daddr, int tos, int ident, TcpRepr tcp, boolean reply);
    }

    final String hostName;
    final EventLoop loop;
    final Trace trace;
    final Mib mib;
    final Sysctls sysctls;
    final Rng rng;
    final IpOutput ip;
    final SourceAddressPicker sourcePicker;
    /** Per-host random offsets standing in for boot time: jiffies and the real-time clock. */
    final long jiffiesBase;
    final long realtimeBase;

    public final InetHashtables hashtables;
    public final SecureSeq secureSeq;
    public final Syncookies syncookies;
    public final TcpIpv4 ipv4;
    public final TcpInput input;
    public final TcpOutput output;
    public final TcpMinisocks minisocks;
    public final TcpTimer timers;
    final TcpLossProbe lossProbe;
    public final InetConnectionSock icsk;

    private int nextId;
    private IsnHook isnHook;

    /** The route lookups TCP needs (ip_route_connect, dst_mtu). */
    public interface SourceAddressPicker {
        /** Source address for a destination; null when there is no route. */
        Ipv4Address pick(Ipv4Address daddr);

        /** MTU of the route to daddr (1500 on Ethernet). */
        int mtu(Ipv4Address daddr);
    }

    /** A lab hook that replaces the ISN choice (a student's generator); null result = kernel's. */
    @FunctionalInterface
    public interface IsnHook {
        Integer isn(Ipv4Address saddr, Ipv4Address daddr, int sport, int dport, long nowNanos);
    }

    public Tcp(String hostName, EventLoop loop, Trace trace, Mib mib, Sysctls sysctls, Rng rng, IpOutput ip,
               SourceAddressPicker sourcePicker) {
        this.hostName = hostName;
        this.loop = loop;
        this.trace = trace;
        this.mib = mib;
        this.sysctls = sysctls;
        this.rng = rng;
        this.ip = ip;
        this.sourcePicker = sourcePicker;
        Rng clocks = rng.fork("clocks");
        this.jiffiesBase = (clocks.nextLong() >>> 20) * JIFFY_NS;
        this.realtimeBase = 1_700_000_000L * SEC + ((clocks.nextLong() >>> 1) % (200_000_000L * SEC));
        this.hashtables = new InetHashtables(this);
        this.secureSeq = new SecureSeq(this, rng.fork("net_secret"));
        this.syncookies = new Syncookies(this, rng.fork("syncookie_secret"));
        this.ipv4 = new TcpIpv4(this);
        this.input = new TcpInput(this);
        this.output = new TcpOutput(this);
        this.minisocks = new TcpMinisocks(this);
        this.timers = new TcpTimer(this);
        this.lossProbe = new TcpLossProbe(this);
        this.icsk = new InetConnectionSock(this);
    }

    public String hostName() {
        return hostName;
    }

    public long now() {
        return loop.now();
    }

    /** get_jiffies_64 in nanoseconds since an arbitrary per-host boot point. */
    long jiffiesNs() {
        return jiffiesBase + loop.now();
    }

    /** tcp_clock_ms / tcp_time_stamp_ts: the millisecond clock TSvals are made from. */
    int tcpTimeStamp() {
        return (int) ((jiffiesBase + loop.now()) / MS);
    }

    long realtimeNs() {
        return realtimeBase + loop.now();
    }

    int mtuTo(Ipv4Address daddr) {
        return sourcePicker.mtu(daddr);
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    public Mib mib() {
        return mib;
    }

    int sysctl(String shortName) {
        return sysctls.getIpv4Int(shortName);
    }

    void inc(Counter c) {
        mib.inc(c);
    }

    String nextId(String prefix) {
        return prefix + (++nextId);
    }

    public void setIsnHook(IsnHook hook) {
        this.isnHook = hook;
    }

    IsnHook isnHook() {
        return isnHook;
    }

    /** Records a kernel-function event (cheap when tracing is off). */
    void fn(String function, Object detail) {
        if (trace.kernelCallsOn()) {
            trace.add(new TraceEvent.KernelCall(loop.now(), hostName, function, detail == null ? "" : detail.toString()));
        }
    }

    /**
     * Records a kernel-function event whose detail is built only when kernel calls are traced:
     * building the strings (describe(), addresses, flag letters) with tracing off was 18 % of a
     * handshake's samples.
     */
    void fn(String function, Supplier<?> detail) {
        if (trace.kernelCallsOn()) {
            fn(function, detail.get());
        }
    }

    void stateChange(Sock sk, TcpState from, TcpState to) {
        if (trace.enabled()) {
            trace.add(new TraceEvent.StateChange(loop.now(), hostName, sk.id + " " + sk.describe(), from.name(), to.name()));
        }
    }

    /** tcp_set_state: counters follow the transition, as in net/ipv4/tcp.c. */
    void setState(TcpSock sk, TcpState state) {
        TcpState old = sk.state;
        if (old == state) {
            return;
        }
        switch (state) {
            case TCP_ESTABLISHED -> {
                if (old != TcpState.TCP_ESTABLISHED) {
                    mib.inc(Counter.TcpCurrEstab);
                }
            }
            case TCP_CLOSE_WAIT -> {
                if (old == TcpState.TCP_SYN_RECV) {
                    mib.inc(Counter.TcpCurrEstab);
                }
            }
            case TCP_CLOSE -> {
                if (old == TcpState.TCP_CLOSE_WAIT || old == TcpState.TCP_ESTABLISHED) {
                    mib.inc(Counter.TcpEstabResets);
                }
            }
            default -> { }
        }
        if ((old == TcpState.TCP_ESTABLISHED || old == TcpState.TCP_CLOSE_WAIT)
                && state != TcpState.TCP_ESTABLISHED && state != TcpState.TCP_CLOSE_WAIT) {
            mib.add(Counter.TcpCurrEstab, -1);
        }
        sk.state = state;
        stateChange(sk, old, state);
        if (state == TcpState.TCP_CLOSE) {
            hashtables.unhash(sk);
            if (!sk.userBoundPort) {
                hashtables.putPort(sk);
            }
        }
    }

    /** tcp_done: the socket is finished (AttemptFails if it never got established). */
    void done(TcpSock sk) {
        fn("tcp_done", () -> sk.describe());
        if (sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV) {
            mib.inc(Counter.TcpAttemptFails);
        }
        setState(sk, TcpState.TCP_CLOSE);
        timers.clearXmitTimers(sk);
        sk.skShutdown = 3;
        if (sk.dead) {
            hashtables.putPort(sk);
        }
        SocketEvents.stateChanged(sk);
    }

    /** tcp_done_with_error. */
    void doneWithError(TcpSock sk, Errno err) {
        sk.skErr = err;
        done(sk);
    }

    /** A new full socket owned by this host. */
    public TcpSock newSock() {
        TcpSock sk = new TcpSock(this, nextId("sk"));
        sk.rto = TCP_TIMEOUT_INIT;
        return sk;
    }
}
