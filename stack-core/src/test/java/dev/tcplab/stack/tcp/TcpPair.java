package dev.tcplab.stack.tcp;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;

/**
 * The setup most TCP unit tests start from: hosts "client" (192.0.2.1) and "server" (192.0.2.2)
 * on one link with a one-way delay, and a listener on the server.
 */
final class TcpPair {
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");

    final Network net;
    final Host client;
    final Host server;
    final Link link;

    TcpPair(long seed, long delayNanos) {
        this(new Network(seed), delayNanos);
    }

    /** The same with timers at their exact nominal times, for tests about those times. */
    static TcpPair exactTimers(long seed, long delayNanos) {
        Network net = new Network(seed);
        net.exactTimers();
        return new TcpPair(net, delayNanos);
    }

    /** On a network already configured (e.g. its timer wheel set before the hosts exist). */
    TcpPair(Network net, long delayNanos) {
        this.net = net;
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, CLIENT + "/24", server, SERVER + "/24");
        link.setDelay(delayNanos);
    }

    /** A listening socket on SERVER:port, backlog 8. */
    Socket listen(int port) {
        Socket ls = server.socket();
        ls.bind(SERVER, port);
        ls.listen(8);
        return ls;
    }
}
