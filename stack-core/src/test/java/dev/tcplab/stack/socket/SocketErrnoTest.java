package dev.tcplab.stack.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.wire.Ipv4Address;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The errno each socket call returns in Linux (linux-handshake.md 2, 7.3, 9). */
class SocketErrnoTest {
    static final long MS = 1_000_000L;
    Network net;
    Host client;
    Host server;
    Ipv4Address srv = Ipv4Address.parse("192.0.2.2");
    Ipv4Address cli = Ipv4Address.parse("192.0.2.1");

    @BeforeEach
    void net() {
        net = new Network(5);
        // the nominal times this test is about; the timer wheel's rounding is TimerWheelTest's and the reference scenarios'
        net.exactTimers();
        client = net.host("client");
        server = net.host("server");
        Link l = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        l.setDelay(MS);
    }

    Socket listening(int port) {
        Socket s = server.socket();
        assertEquals(Errno.OK, s.bind(srv, port));
        assertEquals(Errno.OK, s.listen(16));
        return s;
    }

    @Test
    void connectStatesEinprogressEalreadyEisconn() {
        listening(80);
        Socket c = client.socket();
        c.setNonBlocking(true);
        assertEquals(Errno.EINPROGRESS, c.connect(srv, 80).errno());
        assertEquals(Errno.EALREADY, c.connect(srv, 80).errno(), "a second connect while connecting");
        net.run(100 * MS);
        assertEquals(Errno.OK, c.connect(srv, 80).errno(), "connect after completion reports success once");
        assertEquals(Errno.EISCONN, c.connect(srv, 80).errno());
    }

    @Test
    void bindConflictsEaddrinuseAndReuseaddr() {
        Socket a = server.socket();
        assertEquals(Errno.OK, a.bind(srv, 8080));
        Socket b = server.socket();
        assertEquals(Errno.EADDRINUSE, b.bind(srv, 8080));
        Socket w = server.socket();
        assertEquals(Errno.EADDRINUSE, w.bind(Ipv4Address.ANY, 8080), "a wildcard overlaps everything");
        Socket r1 = server.socket();
        r1.setsockopt(SockOpt.SO_REUSEADDR, 1);
        assertEquals(Errno.OK, r1.bind(srv, 9090));
        Socket r2 = server.socket();
        r2.setsockopt(SockOpt.SO_REUSEADDR, 1);
        assertEquals(Errno.OK, r2.bind(srv, 9090), "both SO_REUSEADDR and not listening");
        assertEquals(Errno.OK, r1.listen(5));
        Socket r3 = server.socket();
        r3.setsockopt(SockOpt.SO_REUSEADDR, 1);
        assertEquals(Errno.EADDRINUSE, r3.bind(srv, 9090), "no reuse of a listening port");
        assertEquals(Errno.EADDRNOTAVAIL, server.socket().bind(Ipv4Address.parse("198.51.100.9"), 1000));
        assertEquals(Errno.EINVAL, a.bind(srv, 8081), "already bound");
    }

    @Test
    void timeWaitHoldsThePortForBindUnlessReuseaddr() {
        listening(80);
        Socket c = client.socket();
        c.bind(cli, 40000);
        c.connect(srv, 80);
        Socket[] child = new Socket[1];
        net.run(50 * MS);
        c.close();
        net.run(50 * MS);
        assertEquals(Errno.EADDRINUSE, client.socket().bind(cli, 40000), "the port is held by TIME_WAIT/FIN_WAIT2");
        assertEquals(child[0], null);
    }

    @Test
    void sendRecvErrorsEnotconnEpipeEconnreset() {
        Socket unconnected = client.socket();
        assertEquals(Errno.ENOTCONN, unconnected.send("x").errno());
        Socket ls = listening(80);
        Socket c = client.socket();
        c.connect(srv, 80);
        Socket[] child = new Socket[1];
        ls.accept().onDone(a -> child[0] = a.value());
        net.run(50 * MS);
        assertEquals(Errno.OK, c.shutdown(1));
        assertEquals(Errno.EPIPE, c.send("after shutdown").errno());
        child[0].setsockopt(SockOpt.SO_LINGER, 0);
        Call<byte[]> pending = c.recv(10);
        child[0].close(); // SO_LINGER 0: RST instead of FIN
        net.run(50 * MS);
        assertEquals(Errno.ECONNRESET, pending.errno());
        assertEquals(1, server.counter("TcpExtTCPAbortOnLinger"));
        assertEquals(Errno.EBADF, child[0].close());
        assertEquals(Errno.EINVAL, client.socket().shutdown(7));
    }

    @Test
    void listenBacklogClampedToSomaxconnAndNegativeMeansSomaxconn() {
        server.sysctl("net.core.somaxconn", 64);
        Socket s = server.socket();
        s.bind(srv, 80);
        s.listen(-1);
        assertEquals(64, s.sock().maxAckBacklog());
        s.listen(1000);
        assertEquals(64, s.sock().maxAckBacklog(), "a second listen() only updates the bound");
        s.listen(3);
        assertEquals(3, s.sock().maxAckBacklog());
    }

    @Test
    void syncntOptionCapsSynRetries() {
        Socket c = client.socket();
        assertEquals(Errno.EINVAL, c.setsockopt(SockOpt.TCP_SYNCNT, 0));
        assertEquals(Errno.OK, c.setsockopt(SockOpt.TCP_SYNCNT, 1));
        server.ip().netfilter().dropInput("all", (ip, tcp) -> true);
        Call<Void> call = c.connect(srv, 80);
        net.run(60_000 * MS);
        assertEquals(Errno.ETIMEDOUT, call.errno());
        // TCP_SYNCNT=1 is retry_until as tcp_syn_retries=1 would be: retransmits_timed_out()
        // gives up after (2^2 - 1) x 1 s = 3 s (SYNs at 0, 1, 2), before the count 1 + 4 linear
        // timeouts is reached; the kernel did so in fresh/b2x_synretries1_syn_dropped (3.07 s)
        assertEquals(3_000 * MS, call.doneAt());
    }

    @Test
    void maxsegLowersTheAdvertisedMss() {
        listening(80);
        Socket c = client.socket();
        assertEquals(Errno.OK, c.setsockopt(SockOpt.TCP_MAXSEG, 1000));
        assertEquals(Errno.EINVAL, client.socket().setsockopt(SockOpt.TCP_MAXSEG, 10));
        c.connect(srv, 80);
        net.run(50 * MS);
        assertNotEquals(0, c.localPort());
        assertEquals(1000 - 12, c.sock().mss(), "min(peer 1460, ours 1000) - 12 for timestamps");
    }
}
