package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;

/**
 * Wall time of the default SYN-timeout scenario: the server's INPUT chain drops every SYN, the
 * client retransmits (tcp_syn_retries 6, tcp_syn_linear_timeouts 4) until connect() fails with
 * ETIMEDOUT. Trace and capture stay on (it is a lab scenario: a student gets both).
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.SynTimeoutBenchmark [-Dexec.args="2000"]
 * </pre>
 * Argument: repetitions (default 2000, after as many warm-up runs); the first (cold) run is
 * reported separately.
 */
public final class SynTimeoutBenchmark {
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");

    private SynTimeoutBenchmark() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long t0 = BenchClock.wallNanos();
        long[] result = scenario();
        long cold = BenchClock.wallNanos() - t0;
        System.out.printf("SYN timeout: connect() = ETIMEDOUT at %.3f s virtual, %d SYNs on the wire,"
                + " %d trace events; cold first run %.2f ms wall%n", result[0] / 1e9, result[1], result[2], cold / 1e6);
        for (int i = 0; i < reps; i++) {
            scenario();
        }
        long t1 = BenchClock.wallNanos();
        for (int i = 0; i < reps; i++) {
            scenario();
        }
        long warm = BenchClock.wallNanos() - t1;
        System.out.printf("SYN timeout: %d warm runs, %.1f us wall each%n", reps, warm / 1e3 / reps);
        System.out.println("machine: " + BenchClock.machine());
    }

    /** Returns { virtual time of the ETIMEDOUT, SYN frames captured, trace events }. */
    private static long[] scenario() {
        Network net = new Network(1);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        server.ip().netfilter().dropInput("-p tcp --syn -j DROP", (ip, tcp) -> tcp.has(TcpFlags.SYN) && !tcp.has(TcpFlags.ACK));
        Socket s = server.socket();
        s.bind(SERVER, 80);
        s.listen(128);
        Socket c = client.socket();
        Call<Void> conn = c.connect(SERVER, 80);
        while (!conn.isDone() && !net.loop().idle()) {
            net.loop().runNext();
        }
        if (conn.errno() != Errno.ETIMEDOUT) {
            throw new IllegalStateException("connect returned " + conn);
        }
        long syns = net.trace().of(dev.tcplab.stack.host.TraceEvent.Frame.class).stream()
                .filter(f -> f.fromNode().equals("client"))
                .map(f -> dev.tcplab.stack.wire.Frames.decode(f.bytes()).tcp())
                .filter(t -> t != null && t.has(TcpFlags.SYN)).count();
        return new long[] {conn.doneAt(), syns, net.trace().events().size()};
    }
}
