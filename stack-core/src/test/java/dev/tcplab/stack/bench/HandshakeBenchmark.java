package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;

/**
 * Full TCP connections per second of wall time on one thread: connect, accept, 5 bytes each way,
 * close both sides (client first, so the client holds TIME_WAIT), through the real byte path
 * (every segment is an Ethernet frame with checksums, decoded and verified by the receiver).
 * Each connection gets 10 ms of virtual time, so after ~14k connections TIME_WAIT (60 s) has
 * expired and the ephemeral ports wrap.
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.HandshakeBenchmark [-Dexec.args="200000 capture"]
 * </pre>
 * Arguments: connections (default 200000; 20% more run first as warm-up), and "capture" to keep
 * the trace and pcap on (off by default: they would measure the log, not the stack).
 */
public final class HandshakeBenchmark {
    private static final long MS = 1_000_000L;
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    private static final byte[] HELLO = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HandshakeBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        boolean capture = args.length > 1 && args[1].equals("capture");
        Network net = new Network(42);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        link.setCapture(capture);
        net.trace().setEnabled(capture);
        Socket ls = server.socket();
        check(ls.bind(SERVER, 80));
        check(ls.listen(4096));

        run(net, client, ls, n / 5);
        long heap0 = BenchClock.heapAfterGc();
        long t0 = BenchClock.wallNanos();
        long events0 = net.loop().executed();
        run(net, client, ls, n);
        long wall = BenchClock.wallNanos() - t0;
        double perSec = n / (wall / 1e9);
        System.out.printf("handshakes: %d connections in %.3f s wall = %.0f connections/s (%.1f us each),"
                        + " %d events, virtual time %.1f s, capture %s%n",
                n, wall / 1e9, perSec, wall / 1e3 / n, net.loop().executed() - events0, net.now() / 1e9,
                capture ? "on" : "off");
        long heap1 = BenchClock.heapAfterGc();
        System.out.printf("heap after GC grew %s over the measured connections (%.0f bytes per connection)%n",
                BenchClock.mib(heap1 - heap0), (heap1 - heap0) / (double) n);
        System.out.println("client TcpActiveOpens=" + client.counter("TcpActiveOpens") + " server TcpPassiveOpens="
                + server.counter("TcpPassiveOpens") + " server TcpOutSegs=" + server.counter("TcpOutSegs"));
        System.out.println("machine: " + BenchClock.machine());
    }

    private static void run(Network net, Host client, Socket ls, int count) {
        for (int i = 0; i < count; i++) {
            Socket c = client.socket();
            Call<Void> conn = c.connect(SERVER, 80);
            Call<Socket> acc = ls.accept();
            net.run(MS);
            if (conn.errno() != Errno.OK || !acc.isDone()) {
                throw new IllegalStateException("connection " + i + ": " + conn + " " + acc + " at " + net.now());
            }
            Socket s = acc.value();
            c.send(HELLO);
            s.send(HELLO);
            net.run(MS);
            if (s.received().length != HELLO.length || c.received().length != HELLO.length) {
                throw new IllegalStateException("connection " + i + ": data lost");
            }
            c.close();
            s.close();
            net.run(8 * MS);
        }
    }

    private static void check(Errno e) {
        if (e != Errno.OK) {
            throw new IllegalStateException(e.toString());
        }
    }
}
