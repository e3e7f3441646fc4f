package dev.tcplab.stack.scenario;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.ipv4.Netfilter;
import dev.tcplab.stack.tcp.InetDiag;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import java.util.Map;

/**
 * The reference topology (scripts/setup_ns.sh): client .1 and server .2 on one veth-like link,
 * one-way delay 20 µs (the captures' RTTs were 40-100 µs), ARP pre-resolved as there.
 */
final class Lab {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final Network net;
    final Host client;
    final Host server;
    final Link link;
    final Ipv4Address clientAddr;
    final Ipv4Address serverAddr;
    private Map<Counter, Long> clientBefore;
    private Map<Counter, Long> serverBefore;

    Lab(long seed) {
        this(seed, "192.0.2");
    }

    Lab(long seed, String prefix) {
        this(seed, prefix, null);
    }

    /**
     * With a jiffies phase (ns), the kernels' timers run on the timer wheel at HZ=250 as on the
     * reference kernel; null keeps exact nominal timers.
     */
    Lab(long seed, String prefix, Long wheelPhaseNs) {
        net = new Network(seed);
        if (wheelPhaseNs != null) {
            net.timerWheel(250, wheelPhaseNs);
        } else {
            net.exactTimers();
        }
        client = net.host("client");
        server = net.host("server");
        clientAddr = Ipv4Address.parse(prefix + ".1");
        serverAddr = Ipv4Address.parse(prefix + ".2");
        link = net.link(client, clientAddr + "/24", server, serverAddr + "/24");
        link.setDelay(20_000);
        if (wheelPhaseNs != null) {
            // tcpdump on veth_c, as the reference captured
            link.captureOn(link.a());
        }
        client.ip().arp().addStatic(serverAddr, link.b().mac());
        server.ip().arp().addStatic(clientAddr, link.a().mac());
        resetCounters();
    }

    /** nstat's history: deltas are taken from here. */
    void resetCounters() {
        clientBefore = client.mib().snapshot();
        serverBefore = server.mib().snapshot();
    }

    /** Runs r at absolute virtual time t (seconds). */
    void at(double t, Runnable r) {
        long when = Math.round(t * S);
        net.loop().schedule(when - net.now(), r);
    }

    /** True when the kernels' timers run on the timer wheel. */
    boolean wheel() {
        return net.loop().timerWheel() != null;
    }

    void runUntil(double t) {
        net.runUntil(Math.round(t * S));
    }

    SegmentTable table() {
        return SegmentTable.fromPcap(link.pcap(), clientAddr.toString());
    }

    Map<String, Long> clientDelta() {
        return client.mib().since(clientBefore);
    }

    Map<String, Long> serverDelta() {
        return server.mib().since(serverBefore);
    }

    List<InetDiag.Row> ss(Host h) {
        return InetDiag.rows(h.tcp());
    }

    /** iptables -A INPUT -p tcp --tcp-flags MASK VALUE -j DROP (on host h). */
    static Netfilter.Rule dropInputFlags(Host h, String desc, int mask, int value) {
        return h.ip().netfilter().dropInput(desc, (ip, tcp) -> (tcp.flags() & mask) == value);
    }

    static Netfilter.Rule dropOutputFlags(Host h, String desc, int mask, int value) {
        return h.ip().netfilter().dropOutput(desc, (ip, tcp) -> (tcp.flags() & mask) == value);
    }

    static final int ALL = 0xFF;
    static final int SYN = TcpFlags.SYN;
    static final int ACK = TcpFlags.ACK;
    static final int RST = TcpFlags.RST;
}
