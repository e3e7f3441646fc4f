package dev.tcplab.stack.tcp;

import dev.tcplab.stack.wire.Ipv4Address;

/**
 * What every entry of the TCP hash tables shares (struct sock_common): a state and the
 * 4-tuple. Full sockets, request socks and timewait socks all extend it, as in the kernel.
 */
public abstract class Sock {
    TcpState state;
    Ipv4Address saddr = Ipv4Address.ANY;
    int sport;
    Ipv4Address daddr = Ipv4Address.ANY;
    int dport;
    /** A short stable id for traces ("sk3", "req5", "tw2"). */
    final String id;

    protected Sock(String id, TcpState state) {
        this.id = id;
        this.state = state;
    }

    public TcpState state() {
        return state;
    }

    public Ipv4Address localAddress() {
        return saddr;
    }

    public int localPort() {
        return sport;
    }

    public Ipv4Address remoteAddress() {
        return daddr;
    }

    public int remotePort() {
        return dport;
    }

    public String id() {
        return id;
    }

    FourTuple tuple() {
        return new FourTuple(saddr, sport, daddr, dport);
    }

    /** "192.0.2.1:43422>192.0.2.2:5000" — the name used in traces. */
    public String describe() {
        return saddr + ":" + sport + ">" + daddr + ":" + dport;
    }

    @Override
    public String toString() {
        return id + "[" + state + " " + describe() + "]";
    }
}
