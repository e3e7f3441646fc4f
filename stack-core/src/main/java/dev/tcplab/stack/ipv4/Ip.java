package dev.tcplab.stack.ipv4;

import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Mib;
import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.tcp.SkBuff;
import dev.tcplab.stack.wire.EtherType;
import dev.tcplab.stack.wire.EthernetFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Packet;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.TcpPacket;
import dev.tcplab.stack.wire.TcpRepr;
import dev.tcplab.stack.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The IPv4 layer of one host: netif_receive_skb → arp_rcv / ip_rcv → ip_local_deliver →
 * tcp_v4_rcv's header checks, and ip_queue_xmit / ip_build_and_send_pkt on the way out.
 * Malformed input is counted as Linux counts it and dropped; nothing here throws.
 */
public final class Ip {
    private final String host;
    private final EventLoop loop;
    private final Trace trace;
    private final Mib mib;
    private final Arp arp;
    private final RouteTable routes = new RouteTable();
    private final List<Ipv4Interface> interfaces = new ArrayList<>();
    private final Netfilter netfilter = new Netfilter();
    private Consumer<SkBuff> tcpRcv = skb -> { };
    private int ttl = 64;

    public Ip(String host, EventLoop loop, Trace trace, Mib mib) {
        this.host = host;
        this.loop = loop;
        this.trace = trace;
        this.mib = mib;
        this.arp = new Arp(host, loop, trace, mib);
    }

    public void setTcpReceiver(Consumer<SkBuff> rcv) {
        this.tcpRcv = rcv;
    }

    public void setTtl(int ttl) {
        this.ttl = ttl;
    }

    public Netfilter netfilter() {
        return netfilter;
    }

    public Arp arp() {
        return arp;
    }

    public RouteTable routes() {
        return routes;
    }

    public List<Ipv4Interface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** Adds an address to a device, with its connected route, and starts receiving. */
    public Ipv4Interface addInterface(NetDevice dev, Ipv4Address addr, int prefixLength) {
        Ipv4Interface iface = new Ipv4Interface(dev, addr, prefixLength);
        interfaces.add(iface);
        routes.add(new RouteTable.Route(addr, prefixLength, null, iface));
        dev.attach(this::netifReceive);
        return iface;
    }

    public boolean isLocal(Ipv4Address a) {
        for (Ipv4Interface i : interfaces) {
            if (i.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** ip_route_connect's source address choice. */
    public Ipv4Address sourceFor(Ipv4Address daddr) {
        RouteTable.Route r = routes.lookup(daddr);
        return r == null ? null : r.iface().address();
    }

    public int mtuTo(Ipv4Address daddr) {
        RouteTable.Route r = routes.lookup(daddr);
        return r == null ? 1500 : r.iface().device().mtu();
    }

    private Ipv4Interface ifaceOf(NetDevice dev) {
        for (Ipv4Interface i : interfaces) {
            if (i.device() == dev) {
                return i;
            }
        }
        return null;
    }

    private void fn(String f, String detail) {
        if (trace.kernelCallsOn()) {
            trace.add(new TraceEvent.KernelCall(loop.now(), host, f, detail));
        }
    }

    /** netif_receive_skb: Ethernet demultiplexing. */
    public void netifReceive(NetDevice dev, byte[] frame) {
        EthernetFrame eth = EthernetFrame.wrap(frame);
        if (eth.check() != WireError.OK) {
            mib.inc(Counter.DevRxDropped);
            return;
        }
        Ipv4Interface iface = ifaceOf(dev);
        if (iface == null) {
            return;
        }
        if (!eth.dst().equals(dev.mac()) && !eth.dst().isBroadcast()) {
            return; // PACKET_OTHERHOST
        }
        switch (eth.etherType()) {
            case EtherType.ARP -> arp.receive(iface, frame, eth.payloadOffset(), eth.payloadLength());
            case EtherType.IPV4 -> ipRcv(iface, frame, eth.payloadOffset(), eth.payloadLength(), !eth.dst().isBroadcast());
            default -> mib.inc(Counter.DevRxDropped);
        }
    }

    /** ip_rcv / ip_rcv_core: header checks in the kernel's order and counters. */
    private void ipRcv(Ipv4Interface iface, byte[] buf, int off, int len, boolean packetHost) {
        mib.inc(Counter.IpInReceives);
        Ipv4Packet ip = Ipv4Packet.wrap(buf, off, len);
        WireError err = ip.check();
        switch (err) {
            case OK -> { }
            case BAD_CHECKSUM -> {
                mib.inc(Counter.IpExtInCsumErrors);
                mib.inc(Counter.IpInHdrErrors);
                return;
            }
            case TRUNCATED_PACKET -> {
                mib.inc(Counter.IpExtInTruncatedPkts);
                return;
            }
            default -> {
                mib.inc(Counter.IpInHdrErrors);
                return;
            }
        }
        mib.add(Counter.IpExtInOctets, ip.totalLength());
        if (trace.kernelCallsOn()) {
            fn("ip_rcv", ip.src() + " > " + ip.dst());
        }
        if (!isLocal(ip.dst())) {
            mib.inc(Counter.IpInAddrErrors); // not ours and not forwarding
            return;
        }
        if (ip.moreFragments() || ip.fragmentOffset() != 0) {
            mib.inc(Counter.IpInDiscards); // no reassembly in the model
            return;
        }
        ipLocalDeliver(ip, packetHost);
    }

    /** ip_local_deliver → tcp_v4_rcv's header checks (InSegs first, "count it even if it's bad"). */
    private void ipLocalDeliver(Ipv4Packet ip, boolean packetHost) {
        if (ip.protocol() != IpProtocol.TCP) {
            mib.inc(Counter.IpInUnknownProtos);
            return;
        }
        if (!packetHost) {
            // tcp_v4_rcv: skb->pkt_type != PACKET_HOST is discarded before InSegs is counted
            mib.inc(Counter.IpInDelivers);
            return;
        }
        TcpPacket tp = TcpPacket.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength());
        WireError err = tp.check();
        // One header parse per segment: the INPUT rules see the TcpRepr that TCP then gets,
        // and with no rules nothing is parsed for them.
        TcpRepr th = null;
        if (err == WireError.OK && netfilter.hasInputRules()) {
            th = TcpRepr.parse(tp);
            Netfilter.Rule rule = netfilter.matchInput(Ipv4Repr.parse(ip), th);
            if (rule != null) {
                fn("nf_hook_slow", "INPUT drop: " + rule.description());
                if (trace.framesOn()) {
                    trace.add(new TraceEvent.NetfilterDrop(loop.now(), host, "INPUT", rule.description(), ip.buffer().clone()));
                }
                return;
            }
        }
        mib.inc(Counter.IpInDelivers);
        mib.inc(Counter.TcpInSegs);
        if (err == WireError.TRUNCATED || err == WireError.OPTIONS_TRUNCATED) {
            return; // pskb_may_pull failed: discard_it, no error counter
        }
        if (err != WireError.OK) {
            mib.inc(Counter.TcpInErrs); // doff < 5: bad_packet
            return;
        }
        if (!tp.verifyChecksum(ip.src(), ip.dst())) {
            mib.inc(Counter.TcpInCsumErrors);
            mib.inc(Counter.TcpInErrs);
            return;
        }
        if (th == null) {
            th = TcpRepr.parse(tp);
        }
        tcpRcv.accept(new SkBuff(ip.src(), ip.dst(), ip.tos(), th));
    }

    /**
     * ip_queue_xmit / ip_build_and_send_pkt / ip_send_unicast_reply: route, DF, TTL, ARP, out.
     * false = no route. {@code reply}: the ip_send_skb path, which counts OUTPUT drops in IpOutDiscards.
     */
    public boolean sendTcp(Ipv4Address saddr, Ipv4Address daddr, int tos, int ident, TcpRepr tcp, boolean reply) {
        RouteTable.Route r = routes.lookup(daddr);
        if (r == null) {
            mib.inc(Counter.IpOutNoRoutes);
            return false;
        }
        Ipv4Address src = saddr.isAny() ? r.iface().address() : saddr;
        Ipv4Repr ip = new Ipv4Repr(src, daddr, IpProtocol.TCP, ttl, tos, ident & 0xFFFF, true, tcp.length());
        // __ip_local_out (Linux >= 6.3): OutRequests counts every packet handed to the LOCAL_OUT hook,
        // one the OUTPUT chain drops too; OutTransmits what leaves (ip_finish_output2). A drop is an
        // OutDiscard only on ip_send_skb's path (control-socket replies: reference f1, f2); a full
        // socket's segment just fails (reference k2: three ACKs dropped, IpOutDiscards 0)
        mib.inc(Counter.IpOutRequests);
        Netfilter.Rule rule = netfilter.matchOutput(ip, tcp);
        if (rule != null) {
            if (reply) {
                mib.inc(Counter.IpOutDiscards);
            }
            fn("nf_hook_slow", "OUTPUT drop: " + rule.description());
            if (trace.framesOn()) {
                trace.add(new TraceEvent.NetfilterDrop(loop.now(), host, "OUTPUT", rule.description(),
                    Frames.tcp(r.iface().device().mac(), MacAddress.ZERO, ip, tcp)));
            }
            return true;
        }
        mib.inc(Counter.IpOutTransmits);
        mib.add(Counter.IpExtOutOctets, ip.totalLength());
        NetDevice dev = r.iface().device();
        Ipv4Address nextHop = r.gateway() != null ? r.gateway() : daddr;
        arp.resolve(r.iface(), nextHop, mac -> dev.transmit(Frames.tcp(dev.mac(), mac, ip, tcp)));
        return true;
    }

    /** Sends a whole crafted frame out of the interface that routes to dst (packet injection in labs). */
    public boolean injectFrame(Ipv4Address routeTo, byte[] frame) {
        RouteTable.Route r = routes.lookup(routeTo);
        if (r == null) {
            return false;
        }
        // the network owns the frames it carries (receivers share them): the caller may reuse its array
        r.iface().device().transmit(frame.clone());
        return true;
    }

    /** Crafts and sends an IPv4/TCP packet with any source (spoofing), resolving the next hop by ARP. */
    public boolean injectTcp(Ipv4Repr ip, TcpRepr tcp) {
        RouteTable.Route r = routes.lookup(ip.dst());
        if (r == null) {
            return false;
        }
        NetDevice dev = r.iface().device();
        Ipv4Address nextHop = r.gateway() != null ? r.gateway() : ip.dst();
        arp.resolve(r.iface(), nextHop, mac -> dev.transmit(Frames.tcp(dev.mac(), mac, ip, tcp)));
        return true;
    }
}
