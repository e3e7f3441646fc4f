package dev.tcplab.stack.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.tcp.TcpState;
import dev.tcplab.stack.wire.Ipv4Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A million seeded malformed and mutated frames straight into two servers' receive entry
 * (one with tcp_syncookies=1 and two listeners, one with tcp_syncookies=2), while they hold
 * established connections. Nothing may throw; every frame must be accounted for in the counters
 * exactly as the kernel's receive path counts it ({@link FrameOracle}); afterwards the old
 * connections still carry data both ways and new ones still open.
 */
class ReceivePathRobustnessTest {
    private static final long SEED = 0x7cb1ab5eedL;
    private static final int FRAMES = 1_000_000;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** One fuzzed server: its host, its link end, what it must count. */
    private static final class Target {
        final Host host;
        final Link.End dev;
        final FrameOracle oracle;
        final Map<FrameClass, Long> expected = new EnumMap<>(FrameClass.class);
        Map<Counter, Long> before;
        FrameMutator mutator;

        Target(Host host, Link.End dev, Ipv4Address addr) {
            this.host = host;
            this.dev = dev;
            this.oracle = new FrameOracle(dev.mac().bits(), Set.of(addr.bits()));
        }

        void account(byte[] frame) {
            expected.merge(oracle.classify(frame), 1L, Long::sum);
        }

        long delta(Counter c) {
            return host.mib().get(c) - before.get(c);
        }

        long expected(Counter c) {
            long n = 0;
            for (Map.Entry<FrameClass, Long> e : expected.entrySet()) {
                if (e.getKey().counters.contains(c)) {
                    n += e.getValue();
                }
            }
            return n;
        }
    }

    private record Pair(Socket client, Socket server) {}

    @Test
    void million_bad_frames_are_counted_and_dropped_and_connections_survive() throws IOException {
        Network net = new Network(SEED);
        Host client = net.host("client");
        Host s1 = net.host("server1");
        Host s2 = net.host("server2");
        s2.sysctl("net.ipv4.tcp_syncookies", 2);
        Ipv4Address s1Addr = Ipv4Address.parse("192.0.2.2");
        Ipv4Address s2Addr = Ipv4Address.parse("198.51.100.2");
        Link l1 = net.link(client, "192.0.2.1/24", s1, "192.0.2.2/24");
        Link l2 = net.link(client, "198.51.100.1/24", s2, "198.51.100.2/24");
        for (Link l : List.of(l1, l2)) {
            l.setDelay(20 * US);
        }
        client.ip().arp().addStatic(s1Addr, l1.b().mac());
        client.ip().arp().addStatic(s2Addr, l2.b().mac());
        s1.ip().arp().addStatic(Ipv4Address.parse("192.0.2.1"), l1.a().mac());
        s2.ip().arp().addStatic(Ipv4Address.parse("198.51.100.1"), l2.a().mac());

        Socket http = listen(s1, s1Addr, 80);
        Socket https = listen(s1, s1Addr, 443);
        Socket alt = listen(s2, s2Addr, 8080);
        List<Pair> pairs = new ArrayList<>();
        pairs.add(open(net, client, http, s1Addr, 80));
        pairs.add(open(net, client, http, s1Addr, 80));
        pairs.add(open(net, client, https, s1Addr, 443));
        pairs.add(open(net, client, alt, s2Addr, 8080));
        for (Pair p : pairs) {
            exchange(net, p, "before");
        }
        // one connection closed both ways, so FINs and TIME_WAIT are in the capture too
        Pair gone = open(net, client, alt, s2Addr, 8080);
        Pair gone1 = open(net, client, https, s1Addr, 443);
        for (Pair p : List.of(gone, gone1)) {
            p.client().close();
            net.run(10 * MS);
            p.server().close();
        }
        net.run(S);

        Target t1 = new Target(s1, l1.b(), s1Addr);
        Target t2 = new Target(s2, l2.b(), s2Addr);
        t1.mutator = new FrameMutator(SEED ^ 1, captured(l1, t1), l1.b().mac().bits());
        t2.mutator = new FrameMutator(SEED ^ 2, captured(l2, t2), l2.b().mac().bits());
        // from here every frame a server receives, fuzz or genuine reply, goes through the oracle
        for (Target t : List.of(t1, t2)) {
            t.dev.attach((dev, frame) -> {
                t.account(frame);
                t.host.ip().netifReceive(dev, frame);
            });
            t.before = t.host.mib().snapshot();
        }
        l1.setCapture(false);
        l2.setCapture(false);
        net.trace().setEnabled(false);

        for (int i = 0; i < FRAMES; i++) {
            Target t = (i & 3) == 3 ? t2 : t1;
            FrameMutator.Kind kind = t.mutator.nextKind();
            byte[] frame = t.mutator.make(kind);
            t.account(frame);
            try {
                t.host.ip().netifReceive(t.dev, frame);
            } catch (RuntimeException e) {
                throw new AssertionError("frame " + i + " (" + kind + ", " + t.oracle.classify(frame) + ") to "
                        + t.host + " threw: " + HexFormat.of().formatHex(frame), e);
            }
            if ((i & 63) == 63) {
                net.run(200 * US);
            }
        }
        net.run(2 * S);

        for (Target t : List.of(t1, t2)) {
            System.out.println(t.host + " frame classes: " + t.expected);
            for (Counter c : FrameClass.ACCOUNTED) {
                assertEquals(t.expected(c), t.delta(c), t.host + " " + c + " (classes " + t.expected + ")");
            }
            // TcpInErrs: the header errors, plus SYNs that hit an established socket (syn_inerr)
            long headerErrs = t.expected(Counter.TcpInErrs);
            long extra = t.delta(Counter.TcpInErrs) - headerErrs;
            assertTrue(extra >= 0 && extra <= t.delta(Counter.TcpExtTCPSYNChallenge),
                    t.host + " TcpInErrs " + t.delta(Counter.TcpInErrs) + " vs header errors " + headerErrs
                            + " and SYN challenges " + t.delta(Counter.TcpExtTCPSYNChallenge));
            assertTrue(t.expected(Counter.TcpInErrs) > 0 && t.delta(Counter.TcpInCsumErrors) > 0);
        }
        // every outcome of the receive path was exercised on the cookie-default server
        for (FrameClass c : FrameClass.values()) {
            assertTrue(t1.expected.getOrDefault(c, 0L) > 100, "too few " + c + ": " + t1.expected);
        }
        long total = t1.expected.values().stream().mapToLong(Long::longValue).sum()
                + t2.expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= FRAMES, "accounted " + total);

        // the established connections still carry data both ways
        for (Pair p : pairs) {
            assertEquals(TcpState.TCP_ESTABLISHED, p.client().state(), p.client().toString());
            assertEquals(TcpState.TCP_ESTABLISHED, p.server().state(), p.server().toString());
            exchange(net, p, "after");
        }
        // and new clients still get in, on every listener
        exchange(net, open(net, client, http, s1Addr, 80), "new");
        exchange(net, open(net, client, https, s1Addr, 443), "new");
        exchange(net, open(net, client, alt, s2Addr, 8080), "new");
    }

    private static Socket listen(Host h, Ipv4Address addr, int port) {
        Socket s = h.socket();
        assertEquals(Errno.OK, s.bind(addr, port));
        assertEquals(Errno.OK, s.listen(16));
        return s;
    }

    private static Pair open(Network net, Host client, Socket listener, Ipv4Address addr, int port) {
        Socket c = client.socket();
        Call<Void> conn = c.connect(addr, port);
        net.run(10 * MS);
        assertEquals(Errno.OK, conn.errno(), "connect " + conn);
        // after the fuzz the accept queue may hold children of replayed handshake ACKs (a captured
        // third ACK carries a cookie that is valid for two minutes, in Linux too): skip those
        for (int i = 0; i < 64; i++) {
            Call<Socket> acc = listener.accept();
            assertTrue(acc.isDone() && acc.errno() == Errno.OK, "accept " + acc);
            if (acc.value().remotePort() == c.localPort()) {
                return new Pair(c, acc.value());
            }
            acc.value().close();
        }
        throw new AssertionError("no child for " + c + " in the accept queue");
    }

    private static void exchange(Network net, Pair p, String tag) {
        byte[] up = (tag + " up " + p.client().localPort()).getBytes(StandardCharsets.UTF_8);
        byte[] down = (tag + " down " + p.client().localPort()).getBytes(StandardCharsets.UTF_8);
        assertEquals(Errno.OK, p.client().send(up).errno());
        assertEquals(Errno.OK, p.server().send(down).errno());
        net.run(300 * MS);
        assertArrayEquals(up, p.server().received(), tag + " client→server on " + p.client());
        assertArrayEquals(down, p.client().received(), tag + " server→client on " + p.client());
    }

    /** The captured frames addressed to the target: IPv4/TCP, client → server. */
    private static List<byte[]> captured(Link link, Target t) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (PcapReader.Record r : PcapReader.read(link.pcap(), link.name()).records()) {
            byte[] f = r.data();
            if (f.length >= 54 && FrameOracle.be48(f, 0) == t.dev.mac().bits() && FrameOracle.u16(f, 12) == 0x0800) {
                frames.add(f);
            }
        }
        if (frames.size() < 5) {
            fail("only " + frames.size() + " captured frames to mutate on " + link.name());
        }
        return frames;
    }
}
