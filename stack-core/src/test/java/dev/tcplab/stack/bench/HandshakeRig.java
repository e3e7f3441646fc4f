package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;

/**
 * The handshake benchmark's conversation, shared by {@link HandshakeBenchmark} (documented main)
 * and the JMH benchmark (src/jmh/java): a client and a server on a 20 µs link, a listener on
 * 192.0.2.2:80 with backlog 4096; each {@link #connection()} is connect, accept, 5 bytes each
 * way, close both (client first) and 8 ms more of virtual time — 10 ms per connection.
 */
public final class HandshakeRig {
    static final long MS = 1_000_000L;
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    public final Network net;
    public final Host client;
    public final Host server;
    private final Socket listener;
    private long connections;

    /** capture = trace and pcap on (off: they would measure the log, not the stack). */
    public HandshakeRig(boolean capture) {
        net = new Network(42);
        BenchClock.timers(net);
        client = net.host("client");
        server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        link.setCapture(capture);
        net.trace().setEnabled(capture);
        listener = server.socket();
        check(listener.bind(SERVER, 80));
        check(listener.listen(4096));
    }

    /** One full connection; throws if the handshake, the data or the close went wrong. */
    public void connection() {
        Socket c = client.socket();
        Call<Void> conn = c.connect(SERVER, 80);
        Call<Socket> acc = listener.accept();
        net.run(MS);
        if (conn.errno() != Errno.OK || !acc.isDone()) {
            throw new IllegalStateException("connection " + connections + ": " + conn + " " + acc + " at " + net.now());
        }
        Socket s = acc.value();
        c.send(HELLO);
        s.send(HELLO);
        net.run(MS);
        if (s.received().length != HELLO.length || c.received().length != HELLO.length) {
            throw new IllegalStateException("connection " + connections + ": data lost");
        }
        c.close();
        s.close();
        net.run(8 * MS);
        connections++;
    }

    public long connections() {
        return connections;
    }

    private static void check(Errno e) {
        if (e != Errno.OK) {
            throw new IllegalStateException(e.toString());
        }
    }
}
