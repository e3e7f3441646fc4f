package dev.tcplab.stack.host;

import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.ipv4.Ip;
import dev.tcplab.stack.ipv4.Ipv4Interface;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.tcp.Tcp;
import dev.tcplab.stack.tcp.TcpSock;
import dev.tcplab.stack.tcp.TcpUserOps;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.List;
import java.util.Map;

/**
 * A modelled Linux host (one network namespace): sysctls, counters, interfaces, IPv4 + ARP,
 * TCP, and the socket API.
 */
public final class Host {
    private final String name;
    private final EventLoop loop;
    private final Sysctls sysctls;
    private final Mib mib = new Mib();
    private final Ip ip;
    private final Tcp tcp;
    private final TcpUserOps ops;

    public Host(String name, EventLoop loop, Trace trace, Rng rng, KernelProfile profile) {
        this.name = name;
        this.loop = loop;
        this.sysctls = new Sysctls(profile);
        this.ip = new Ip(name, loop, trace, mib);
        this.tcp = new Tcp(name, loop, trace, mib, sysctls, rng.fork("host:" + name),
                (s, d, tos, id, th, reply) -> ip.sendTcp(s, d, tos, id, th, reply),
                new Tcp.SourceAddressPicker() {
                    @Override
                    public Ipv4Address pick(Ipv4Address daddr) {
                        return ip.sourceFor(daddr);
                    }

                    @Override
                    public int mtu(Ipv4Address daddr) {
                        return ip.mtuTo(daddr);
                    }
                });
        this.ops = new TcpUserOps(tcp);
        ip.setTcpReceiver(tcp.ipv4::rcv);
    }

    public String name() {
        return name;
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    /** sysctl -w name=value. */
    public Host sysctl(String name, Object value) {
        sysctls.set(name, value);
        if (name.equals("net.ipv4.ip_default_ttl")) {
            ip.setTtl(sysctls.getInt(name));
        }
        return this;
    }

    public Mib mib() {
        return mib;
    }

    public long counter(String nstatName) {
        return mib.get(nstatName);
    }

    public Tcp tcp() {
        return tcp;
    }

    public Ip ip() {
        return ip;
    }

    public EventLoop loop() {
        return loop;
    }

    public Ipv4Interface addInterface(NetDevice dev, Ipv4Address addr, int prefixLength) {
        return ip.addInterface(dev, addr, prefixLength);
    }

    /** The first interface's address. */
    public Ipv4Address address() {
        List<Ipv4Interface> l = ip.interfaces();
        if (l.isEmpty()) {
            throw new IllegalStateException(name + " has no interface yet");
        }
        return l.get(0).address();
    }

    /** socket(AF_INET, SOCK_STREAM, 0). */
    public Socket socket() {
        return wrap(tcp.newSock());
    }

    private Socket wrap(TcpSock sk) {
        return new Socket(name, loop, ops, ip::isLocal, sk, this::wrap);
    }

    /** Sends a crafted TCP segment with any IP header (spoofed source, bad fields): packet injection. */
    public boolean inject(Ipv4Repr ipHeader, TcpRepr segment) {
        return ip.injectTcp(ipHeader, segment);
    }

    /** Sends raw frame bytes out of the interface routing to dst (bad checksums, garbage). */
    public boolean injectFrame(Ipv4Address routeTo, byte[] frame) {
        return ip.injectFrame(routeTo, frame);
    }

    /** Like `ss -tanoi` (see {@link Ss}). */
    public String ss() {
        return Ss.render(this);
    }

    /** Non-zero counters, like `nstat -az` filtered. */
    public Map<String, Long> nstat() {
        return mib.nonZero();
    }

    /** The same as text, the way nstat prints it. */
    public String nstatText() {
        return Nstat.render(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
