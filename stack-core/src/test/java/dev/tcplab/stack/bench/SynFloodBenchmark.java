package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.ipv4.RouteTable;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.nio.charset.StandardCharsets;

/**
 * A SYN flood: 1,000,000 SYNs from spoofed sources in TEST-NET-3 203.0.113.0/24 (random source ports) (frames with real checksums,
 * straight into the server's device receive entry, 100 per 1 ms of virtual time = 100k SYN/s)
 * against a listener with backlog 128 and default sysctls (tcp_syncookies=1). The server answers
 * each (SYN-ACK or cookie SYN-ACK) through a default route towards the client host, which drops
 * them as not-its-address. Halfway, a legitimate client connects and exchanges data: it must
 * get in (by cookie, the request queue being full). Trace and capture are off (1M frames of log
 * would measure the log).
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.SynFloodBenchmark [-Dexec.args="1000000"]
 * </pre>
 */
public final class SynFloodBenchmark {
    private static final long MS = 1_000_000L;
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    private static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");

    private SynFloodBenchmark() {}

    public static void main(String[] args) {
        int syns = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Network net = new Network(7);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        link.setCapture(false);
        net.trace().setEnabled(false);
        client.ip().arp().addStatic(SERVER, link.b().mac());
        server.ip().arp().addStatic(CLIENT, link.a().mac());
        // replies to the spoofed sources leave through a default route (next hop: the client host)
        server.ip().routes().add(new RouteTable.Route(Ipv4Address.ANY, 0, CLIENT, server.ip().interfaces().get(0)));
        Socket ls = server.socket();
        ls.bind(SERVER, 80);
        ls.listen(128);
        int backlog = ls.sock().maxAckBacklog();

        Rng rng = new Rng(99);
        TcpOptions synOptions = TcpOptions.syn(1460, true, true, 1, 0, 7);
        long heapBefore = BenchClock.heapAfterGc();
        long t0 = BenchClock.wallNanos();
        int maxQlen = 0;
        Call<Void> legit = null;
        Socket legitSock = null;
        long legitAt = 0;
        for (int i = 0; i < syns; i++) {
            Ipv4Address src = new Ipv4Address(0xCB00_7100 | (1 + rng.nextInt(254))); // 203.0.113.1-254, in memory only
            int sport = 1024 + rng.nextInt(64512);
            TcpRepr syn = new TcpRepr(sport, 80, rng.nextInt(), 0, TcpFlags.SYN, 64240, 0, synOptions, null);
            Ipv4Repr ip = new Ipv4Repr(src, SERVER, IpProtocol.TCP, 64, 0, i & 0xffff, true, syn.length());
            server.ip().netifReceive(link.b(), Frames.tcp(link.a().mac(), link.b().mac(), ip, syn));
            if (i % 100 == 99) {
                net.run(MS);
                maxQlen = Math.max(maxQlen, ls.sock().acceptQueue().qlen());
            }
            if (i == syns / 2) {
                legitSock = client.socket();
                legit = legitSock.connect(SERVER, 80);
                legitAt = net.now();
            }
        }
        long wall = BenchClock.wallNanos() - t0;
        long heapAfter = BenchClock.heapAfterGc();

        Call<Socket> acc = ls.accept();
        net.run(10 * MS);
        boolean dataOk = false;
        if (legit != null && legit.errno() == Errno.OK && acc.isDone() && acc.errno() == Errno.OK) {
            Socket child = acc.value();
            legitSock.send("through the flood");
            net.run(100 * MS);
            dataOk = new String(child.received(), StandardCharsets.UTF_8).equals("through the flood");
        }
        System.out.printf("SYN flood: %d SYNs in %.3f s wall = %.0f SYN/s; virtual %.1f s%n",
                syns, wall / 1e9, syns / (wall / 1e9), net.now() / 1e9);
        System.out.printf("heap after GC: before %s, after %s, growth %s%n", BenchClock.mib(heapBefore),
                BenchClock.mib(heapAfter), BenchClock.mib(heapAfter - heapBefore));
        System.out.printf("request socks: max qlen %d (backlog %d, limit backlog+1 = %d) -> %s%n", maxQlen, backlog,
                backlog + 1, maxQlen <= backlog + 1 ? "OK" : "EXCEEDED");
        System.out.printf("legit client: connect %s after %.3f ms virtual, accepted %s, data %s%n", legit,
                legit == null ? -1 : (legit.doneAt() - legitAt) / 1e6, acc, dataOk ? "OK" : "LOST");
        System.out.println("server: SyncookiesSent=" + server.counter("TcpExtSyncookiesSent") + " SyncookiesRecv="
                + server.counter("TcpExtSyncookiesRecv") + " ListenDrops=" + server.counter("TcpExtListenDrops")
                + " TCPReqQFullDoCookies=" + server.counter("TcpExtTCPReqQFullDoCookies")
                + " TcpOutSegs=" + server.mib().get(Counter.TcpOutSegs)
                + " TcpInSegs=" + server.mib().get(Counter.TcpInSegs));
        System.out.println("machine: " + BenchClock.machine());
        if (maxQlen > backlog + 1 || !dataOk) {
            System.exit(1);
        }
    }
}
