package dev.tcplab.stack.bench;

/**
 * Full TCP connections per second of wall time on one thread ({@link HandshakeRig}): connect,
 * accept, 5 bytes each way, close both sides (client first), through the real byte path (every
 * segment is an Ethernet frame with checksums, decoded and verified by the receiver). Both sides
 * end in TIME_WAIT: the client's active close, and the server's close after the client's FIN
 * (CLOSE_WAIT → LAST_ACK) overlaps it — both FINs cross, so both sides close simultaneously and
 * hold TIME_WAIT (~6,000 per side at 10 ms per connection and 60 s). Each connection gets 10 ms
 * of virtual time, so after ~6,000 connections TIME_WAIT (60 s) expires and the ephemeral
 * ports wrap.
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.HandshakeBenchmark [-Dexec.args="200000 capture 200000"]
 * </pre>
 * Arguments: measured connections (default 200000), "capture" (or "nocapture") to keep the
 * trace and pcap on (off by default: they would measure the log, not the stack), and warm-up
 * connections run first (default 200000: enough for the JIT's C2 code and for the TIME_WAIT
 * population to reach its steady state of 6,000 per side). The JMH benchmark
 * (src/jmh/java, README "Benchmarks") is the better-controlled figure.
 */
public final class HandshakeBenchmark {
    private HandshakeBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        boolean capture = args.length > 1 && args[1].equals("capture");
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        HandshakeRig rig = new HandshakeRig(capture);
        for (int i = 0; i < warm; i++) {
            rig.connection();
        }
        long heap0 = BenchClock.heapAfterGc();
        long t0 = BenchClock.wallNanos();
        long cpu0 = BenchClock.threadCpuNanos();
        long events0 = rig.net.loop().executed();
        for (int i = 0; i < n; i++) {
            rig.connection();
        }
        long wall = BenchClock.wallNanos() - t0;
        long cpu = BenchClock.threadCpuNanos() - cpu0;
        double perSec = n / (wall / 1e9);
        System.out.printf("handshakes: %d connections in %.3f s wall = %.0f connections/s (%.1f us each),"
                        + " %d events, virtual time %.1f s, capture %s, warm-up %d connections%n",
                n, wall / 1e9, perSec, wall / 1e3 / n, rig.net.loop().executed() - events0, rig.net.now() / 1e9,
                capture ? "on" : "off", warm);
        System.out.printf("handshakes by thread CPU time: %.3f s = %.0f connections/s of CPU%n", cpu / 1e9, n / (cpu / 1e9));
        long heap1 = BenchClock.heapAfterGc();
        System.out.printf("heap after GC grew %s over the measured connections (%.0f bytes per connection)%n",
                BenchClock.mib(heap1 - heap0), (heap1 - heap0) / (double) n);
        System.out.println("client TcpActiveOpens=" + rig.client.counter("TcpActiveOpens") + " server TcpPassiveOpens="
                + rig.server.counter("TcpPassiveOpens") + " server TcpOutSegs=" + rig.server.counter("TcpOutSegs")
                + "; in TIME_WAIT now: client " + timeWait(rig.client) + ", server " + timeWait(rig.server));
        System.out.println("machine: " + BenchClock.machine());
    }

    static long timeWait(dev.tcplab.stack.host.Host h) {
        return dev.tcplab.stack.host.Ss.rows(h).stream()
                .filter(r -> r.state() == dev.tcplab.stack.tcp.TcpState.TCP_TIME_WAIT).count();
    }
}
