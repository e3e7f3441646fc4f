package dev.tcplab.stack.realif;

import dev.tcplab.stack.compare.Ladder;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.linux.LabNames;
import dev.tcplab.stack.linux.LinuxHost;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.tcp.TcpState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model host on a real veth against the real kernel in a lab namespace: connections both
 * ways with data and an orderly close, checked on both sides (model states and counters, the
 * kernel's ss and nstat), and nothing left behind afterwards.
 */
class KernelPeerTest {
    static final Duration WAIT = Duration.ofSeconds(3);
    static final String PID = Long.toString(ProcessHandle.current().pid());

    @BeforeEach
    void privileged() {
        RealIfAssumptions.assumeRealInterfaces();
    }

    /** The model socket's states, in order, from the trace (first state included). */
    static List<String> states(Network net, Host h, Socket s) {
        String id = s.sock().id() + " ";
        List<String> r = new ArrayList<>();
        for (TraceEvent.StateChange e : net.trace().of(TraceEvent.StateChange.class)) {
            if (e.host().equals(h.name()) && e.socket().startsWith(id)) {
                if (r.isEmpty()) {
                    r.add(e.from());
                }
                r.add(e.to());
            }
        }
        return r;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void modelClientToLinuxServer() {
        Network net = new Network(1);
        Host client = net.host("client");
        try (KernelPeer peer = KernelPeer.open(net, client, "192.0.2.1/24", "server", "192.0.2.2/24")) {
            LinuxHost srv = peer.linux();
            int l = srv.socket();
            srv.setsockopt(l, "SO_REUSEADDR", 1);
            srv.bind(l, "192.0.2.2", 5000);
            srv.listen(l, 128);

            Socket c = client.socket();
            Call<Void> conn = c.connect(peer.kernelAddress(), 5000);
            assertTrue(peer.runUntil(conn::isDone, WAIT), "connect() did not return; capture:\n" + peer.ladder("kernel", peer.modelAddress()));
            assertEquals(Errno.OK, conn.errno());
            assertEquals(TcpState.TCP_ESTABLISHED, c.state());
            LinuxHost.Accepted a = peer.call(() -> srv.accept(l, WAIT), WAIT);
            assertEquals("192.0.2.1", a.peerIp());
            assertEquals(c.localPort(), a.peerPort());
            assertTrue(srv.ss().contains("ESTAB"), srv.ss());

            assertEquals(Errno.OK, c.send("hello\n").errno());
            assertArrayEquals(bytes("hello\n"), peer.call(() -> srv.recv(a.fd(), 100, WAIT), WAIT));
            assertEquals(6, (int) peer.call(() -> srv.send(a.fd(), bytes("world\n")), WAIT));
            Call<byte[]> reply = c.recv(100);
            assertTrue(peer.runUntil(reply::isDone, WAIT), "no reply from the kernel");
            assertArrayEquals(bytes("world\n"), reply.value());

            assertEquals(Errno.OK, c.close());
            assertArrayEquals(new byte[0], peer.call(() -> srv.recv(a.fd(), 100, WAIT), WAIT), "the kernel saw no FIN");
            peer.call(() -> { srv.close(a.fd()); return null; }, WAIT);
            assertTrue(peer.runUntil(() -> c.state() == TcpState.TCP_TIME_WAIT, WAIT), "model state " + c.state());

            // the full socket ends in tcp_time_wait (CLOSE); its timewait minisock holds TIME_WAIT
            assertEquals(List.of("TCP_CLOSE", "TCP_SYN_SENT", "TCP_ESTABLISHED", "TCP_FIN_WAIT1", "TCP_FIN_WAIT2", "TCP_CLOSE"),
                    states(net, client, c));
            assertEquals(TcpState.TCP_TIME_WAIT, c.sock().timeWaitSock().substate());
            assertEquals(1, client.counter("TcpActiveOpens"));
            Map<String, Long> nstat = peer.nstat();
            assertEquals(1L, nstat.get("TcpPassiveOpens"), nstat.toString());
            assertEquals(0L, nstat.get("TcpActiveOpens"));
            assertEquals(0L, nstat.get("TcpEstabResets"));
            assertEquals(0L, nstat.get("TcpAttemptFails"));
            assertFalse(srv.ss().contains("ESTAB"), "the kernel's side should be closed:\n" + srv.ss());

            Ladder wire = peer.ladder("kernel", peer.modelAddress());
            List<String> flags = wire.rungs().stream().map(r -> r.dir() + " " + r.flags()).toList();
            assertEquals(List.of("C->S S", "S->C SA", "C->S A"), flags.subList(0, 3), wire.toString());
            assertTrue(flags.contains("C->S AF") && flags.contains("S->C AF"), wire.toString());
            assertEquals(0, peer.device().txErrors(), String.valueOf(peer.device().lastError()));
        }
    }

    @Test
    void linuxClientToModelServer() {
        Network net = new Network(1);
        Host server = net.host("server");
        try (KernelPeer peer = KernelPeer.open(net, server, "192.0.2.1/24", "client", "192.0.2.2/24")) {
            LinuxHost cli = peer.linux();
            Socket ls = server.socket();
            assertEquals(Errno.OK, ls.setsockopt(SockOpt.SO_REUSEADDR, 1));
            assertEquals(Errno.OK, ls.bind(peer.modelAddress(), 5000));
            assertEquals(Errno.OK, ls.listen(128));
            Call<Socket> acc = ls.accept();

            int fd = cli.socket();
            int localPort = peer.call(() -> cli.connect(fd, "192.0.2.1", 5000, WAIT), WAIT);
            assertTrue(peer.runUntil(acc::isDone, WAIT), "accept() did not return");
            Socket child = acc.value();
            assertEquals(TcpState.TCP_ESTABLISHED, child.state());
            assertEquals(localPort, child.remotePort());

            peer.call(() -> cli.send(fd, bytes("hello\n")), WAIT);
            Call<byte[]> got = child.recv(100);
            assertTrue(peer.runUntil(got::isDone, WAIT));
            assertArrayEquals(bytes("hello\n"), got.value());
            assertEquals(Errno.OK, child.send("world\n").errno());
            assertArrayEquals(bytes("world\n"), peer.call(() -> cli.recv(fd, 100, WAIT), WAIT));

            peer.call(() -> { cli.close(fd); return null; }, WAIT);
            assertTrue(peer.runUntil(() -> child.state() == TcpState.TCP_CLOSE_WAIT, WAIT), "model state " + child.state());
            assertEquals(Errno.OK, child.close());
            assertTrue(peer.runUntil(() -> child.state() == TcpState.TCP_CLOSE, WAIT), "model state " + child.state());

            assertEquals(List.of("TCP_ESTABLISHED", "TCP_CLOSE_WAIT", "TCP_LAST_ACK", "TCP_CLOSE"),
                    states(net, server, child).subList(states(net, server, child).indexOf("TCP_ESTABLISHED"), states(net, server, child).size()));
            assertEquals(1, server.counter("TcpPassiveOpens"));
            Map<String, Long> nstat = peer.nstat();
            assertEquals(1L, nstat.get("TcpActiveOpens"), nstat.toString());
            assertEquals(0L, nstat.get("TcpPassiveOpens"));
            String ss = cli.ss();
            assertTrue(ss.contains("TIME-WAIT") && ss.contains("192.0.2.1:5000"), "the active closer is in TIME_WAIT:\n" + ss);
        }
    }

    @Test
    void aKernelCallThatFailsRethrowsItsErrnoAndTheModelKeepsRunning() {
        Network net = new Network(1);
        Host client = net.host("client");
        try (KernelPeer peer = KernelPeer.open(net, client, "192.0.2.1/24", "server", "192.0.2.2/24")) {
            LinuxHost k = peer.linux();
            int fd = k.socket();
            // nobody listens on the model: it answers the kernel's SYN with RST, ACK
            var e = assertThrows(dev.tcplab.stack.linux.ErrnoException.class,
                    () -> peer.call(() -> k.connect(fd, "192.0.2.1", 6000, WAIT), WAIT));
            assertEquals("ECONNREFUSED", e.errno());
            assertEquals(1, client.counter("TcpOutRsts"));
        }
    }

    @Test
    void failureInsideStillRemovesNamespaceAndVeth() {
        Network net = new Network(1);
        Host client = net.host("client");
        String[] names = new String[2];
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> {
            try (KernelPeer peer = KernelPeer.open(net, client, "198.51.100.1/24", "server", "198.51.100.2/24")) {
                names[0] = peer.netns().name();
                names[1] = peer.veth().rootEnd();
                throw new IllegalStateException("lab failed");
            }
        });
        assertEquals("lab failed", boom.getMessage());
        assertFalse(LabNames.namespaces().contains(names[0]), names[0] + " left behind");
        assertFalse(LabNames.rootLinks().contains(names[1]), names[1] + " left behind");
    }

    @Test
    void refusesAddressesOutsideTestNetAndAcrossSubnets() {
        Network net = new Network(1);
        Host client = net.host("client");
        assertThrows(IllegalArgumentException.class, () -> KernelPeer.open(net, client, "10.0.0.1/24", "server", "10.0.0.2/24"));
        assertThrows(IllegalArgumentException.class, () -> KernelPeer.open(net, client, "192.0.2.1/24", "server", "198.51.100.2/24"));
        assertTrue(client.ip().interfaces().isEmpty(), "nothing attached after a refused open");
    }

    /** (d) After all tests of this class: no namespace or veth of this JVM left. */
    @AfterAll
    static void nothingOfOursLeft() {
        if (!RealInterfaces.availability().ok()) {
            return;
        }
        List<String> ns = LabNames.namespaces().stream().filter(n -> n.startsWith("tcplab-" + PID + "-")).toList();
        List<String> links = LabNames.rootLinks().stream().filter(n -> n.startsWith("tl" + PID + "v")).toList();
        assertEquals(List.of(), ns, "namespaces left behind");
        assertEquals(List.of(), links, "veths left behind");
    }
}
