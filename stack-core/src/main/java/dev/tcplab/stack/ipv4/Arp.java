package dev.tcplab.stack.ipv4;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Mib;
import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Timer;
import dev.tcplab.stack.wire.ArpRepr;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * net/ipv4/arp.c + the neighbour layer, reduced: a cache that really resolves, packets queued
 * while INCOMPLETE, a request per second up to mcast_solicit (3) tries, then FAILED (queued
 * packets dropped). Replies to requests for our addresses, learns from requests aimed at us.
 */
public final class Arp {
    static final long RETRANS_TIME = 1_000_000_000L;
    static final int MCAST_SOLICIT = 3;

    private final String host;
    private final EventLoop loop;
    private final Trace trace;
    private final Mib mib;
    private final Map<Ipv4Address, MacAddress> cache = new HashMap<>();
    /** NUD_PERMANENT entries: ARP never overwrites them. */
    private final java.util.Set<Ipv4Address> permanent = new java.util.HashSet<>();
    private final Map<Ipv4Address, Pending> pending = new HashMap<>();

    private static final class Pending {
        final List<Consumer<MacAddress>> queue = new ArrayList<>();
        int probes;
        Timer timer;
    }

    public Arp(String host, EventLoop loop, Trace trace, Mib mib) {
        this.host = host;
        this.loop = loop;
        this.trace = trace;
        this.mib = mib;
    }

    public Map<Ipv4Address, MacAddress> cache() {
        return Map.copyOf(cache);
    }

    /** A permanent entry (ip neigh add ... nud permanent). */
    public void addStatic(Ipv4Address ip, MacAddress mac) {
        cache.put(ip, mac);
        permanent.add(ip);
    }

    /** neigh_resolve_output: send now if known, else queue and solicit. */
    public void resolve(Ipv4Interface iface, Ipv4Address nextHop, Consumer<MacAddress> send) {
        if (nextHop.isBroadcast() || nextHop.equals(iface.broadcast())) {
            send.accept(MacAddress.BROADCAST);
            return;
        }
        MacAddress mac = cache.get(nextHop);
        if (mac != null) {
            send.accept(mac);
            return;
        }
        Pending p = pending.get(nextHop);
        if (p == null) {
            p = new Pending();
            pending.put(nextHop, p);
            Pending fp = p;
            p.timer = loop.timer(() -> retry(iface, nextHop, fp));
            solicit(iface, nextHop, p);
        }
        p.queue.add(send);
    }

    private void solicit(Ipv4Interface iface, Ipv4Address target, Pending p) {
        p.probes++;
        trace.add(new TraceEvent.KernelCall(loop.now(), host, "arp_solicit", "who-has " + target));
        ArpRepr req = new ArpRepr(ArpRepr.REQUEST, iface.device().mac(), iface.address(), MacAddress.ZERO, target);
        iface.device().transmit(Frames.arp(iface.device().mac(), MacAddress.BROADCAST, req));
        p.timer.mod(RETRANS_TIME);
    }

    private void retry(Ipv4Interface iface, Ipv4Address target, Pending p) {
        if (p.probes >= MCAST_SOLICIT) {
            pending.remove(target);
            trace.add(new TraceEvent.KernelCall(loop.now(), host, "neigh_invalidate", target + " FAILED, "
                    + p.queue.size() + " packets dropped"));
            return;
        }
        solicit(iface, target, p);
    }

    /** arp_rcv / arp_process. */
    public void receive(Ipv4Interface iface, byte[] buf, int off, int len) {
        ArpRepr arp = ArpRepr.parse(buf, off, len);
        if (arp == null) {
            mib.inc(Counter.ArpInErrors);
            return;
        }
        boolean forUs = arp.targetIp().equals(iface.address());
        if (forUs || cache.containsKey(arp.senderIp())) {
            learn(arp.senderIp(), arp.senderMac());
        }
        if (arp.operation() == ArpRepr.REQUEST && forUs) {
            trace.add(new TraceEvent.KernelCall(loop.now(), host, "arp_process", "reply " + iface.address()
                    + " is-at " + iface.device().mac()));
            ArpRepr reply = new ArpRepr(ArpRepr.REPLY, iface.device().mac(), iface.address(), arp.senderMac(), arp.senderIp());
            iface.device().transmit(Frames.arp(iface.device().mac(), arp.senderMac(), reply));
        }
    }

    private void learn(Ipv4Address ip, MacAddress mac) {
        if (!permanent.contains(ip)) {
            cache.put(ip, mac);
        }
        Pending p = pending.remove(ip);
        if (p != null) {
            p.timer.del();
            for (Consumer<MacAddress> c : p.queue) {
                c.accept(mac);
            }
        }
    }
}
