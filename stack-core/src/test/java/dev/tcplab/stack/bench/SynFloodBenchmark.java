package dev.tcplab.stack.bench;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Socket;

/**
 * A SYN flood ({@link SynFloodRig}): 1,000,000 SYNs from spoofed sources in TEST-NET-3
 * 203.0.113.0/24 (random source ports; frames with real checksums, built before the clock
 * starts), straight into the server's device receive entry, 100 per 1 ms of virtual time = 100k
 * SYN/s, against a listener with backlog 128 and default sysctls (tcp_syncookies=1). Halfway, a
 * legitimate client connects and exchanges data: it must get in (by cookie, the request queue
 * being full). Trace and capture are off (1M frames of log would measure the log).
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.SynFloodBenchmark [-Dexec.args="1000000 3"]
 * </pre>
 * Arguments: SYNs (default 1000000) and warm-up floods (default 3, each against a fresh
 * network, the same frames) before the measured one.
 */
public final class SynFloodBenchmark {
    private SynFloodBenchmark() {}

    public static void main(String[] args) {
        int syns = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[][] frames = SynFloodRig.frames(syns);
        for (int i = 0; i < warm; i++) {
            new SynFloodRig().flood(frames);
        }
        SynFloodRig rig = new SynFloodRig();
        int backlog = rig.listener.sock().maxAckBacklog();
        long heapBefore = BenchClock.heapAfterGc();
        long t0 = BenchClock.wallNanos();
        long cpu0 = BenchClock.threadCpuNanos();
        rig.flood(frames);
        long wall = BenchClock.wallNanos() - t0;
        long cpu = BenchClock.threadCpuNanos() - cpu0;
        long heapAfter = BenchClock.heapAfterGc();

        boolean[] dataOk = new boolean[1];
        Call<Socket> acc = rig.acceptLegit(dataOk);
        System.out.printf("SYN flood: %d SYNs in %.3f s wall = %.0f SYN/s; virtual %.1f s (after %d warm-up floods)%n",
                syns, wall / 1e9, syns / (wall / 1e9), rig.net.now() / 1e9, warm);
        System.out.printf("SYN flood by thread CPU time: %.3f s = %.0f SYN/s of CPU%n", cpu / 1e9, syns / (cpu / 1e9));
        System.out.printf("heap after GC: before %s, after %s, growth %s%n", BenchClock.mib(heapBefore),
                BenchClock.mib(heapAfter), BenchClock.mib(heapAfter - heapBefore));
        System.out.printf("request socks: max qlen %d (backlog %d, limit backlog+1 = %d) -> %s%n", rig.maxQlen, backlog,
                backlog + 1, rig.maxQlen <= backlog + 1 ? "OK" : "EXCEEDED");
        System.out.printf("legit client: connect %s after %.3f ms virtual, accepted %s, data %s%n", rig.legit,
                rig.legit == null ? -1 : (rig.legit.doneAt() - rig.legitAt) / 1e6, acc, dataOk[0] ? "OK" : "LOST");
        System.out.println("server: SyncookiesSent=" + rig.server.counter("TcpExtSyncookiesSent") + " SyncookiesRecv="
                + rig.server.counter("TcpExtSyncookiesRecv") + " ListenDrops=" + rig.server.counter("TcpExtListenDrops")
                + " TCPReqQFullDoCookies=" + rig.server.counter("TcpExtTCPReqQFullDoCookies")
                + " TcpOutSegs=" + rig.server.mib().get(Counter.TcpOutSegs)
                + " TcpInSegs=" + rig.server.mib().get(Counter.TcpInSegs));
        System.out.println("machine: " + BenchClock.machine());
        if (rig.maxQlen > backlog + 1 || !dataOk[0]) {
            System.exit(1);
        }
    }
}
