package dev.tcplab.stack.linux;

import dev.tcplab.stack.realif.RealIfAssumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two kernels in two lab namespaces joined by a veth pair, driven through their agents (no pcap). */
class LinuxHostTest {
    static final Duration T = Duration.ofSeconds(3);
    static NetNs nsA;
    static NetNs nsB;
    static VethPair veth;
    static LinuxHost a;
    static LinuxHost b;

    @BeforeAll
    static void twoKernels() {
        RealIfAssumptions.assumeRealInterfaces();
        nsA = NetNs.create();
        nsB = NetNs.create();
        veth = VethPair.between(nsA, "198.51.100.1/24", nsB, "198.51.100.2/24");
        a = LinuxHost.start(nsA);
        b = LinuxHost.start(nsB);
    }

    @AfterAll
    static void cleanup() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, veth, nsA, nsB}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void listenConnectSendRecvClose() {
        int l = a.socket();
        a.setsockopt(l, "SO_REUSEADDR", 1);
        a.bind(l, "198.51.100.1", 7000);
        assertEquals(7000, a.listen(l, 8));

        int c = b.socket();
        int localPort = b.connect(c, "198.51.100.1", 7000, T);
        LinuxHost.Accepted acc = a.accept(l, T);
        assertEquals("198.51.100.2", acc.peerIp());
        assertEquals(localPort, acc.peerPort());
        assertTrue(a.ss().contains("ESTAB"), a.ss());

        assertEquals(5, b.send(c, bytes("hello")));
        assertArrayEquals(bytes("hello"), a.recv(acc.fd(), 100, T));
        a.send(acc.fd(), bytes("world"));
        assertArrayEquals(bytes("world"), b.recv(c, 100, T));

        b.close(c);
        assertEquals(0, a.recv(acc.fd(), 100, T).length, "FIN should read as end of stream");
        // nothing more to read and nothing arrives: the timeout is EAGAIN, as with SO_RCVTIMEO
        int c2 = b.socket();
        b.connect(c2, "198.51.100.1", 7000, T);
        LinuxHost.Accepted acc2 = a.accept(l, T);
        ErrnoException idle = assertThrows(ErrnoException.class, () -> a.recv(acc2.fd(), 10, Duration.ofMillis(50)));
        assertEquals("EAGAIN", idle.errno());

        // SO_LINGER 0: close sends RST, the peer's recv fails with ECONNRESET
        b.setsockopt(c2, "SO_LINGER", 0);
        b.close(c2);
        ErrnoException reset = assertThrows(ErrnoException.class, () -> a.recv(acc2.fd(), 10, T));
        assertEquals("ECONNRESET", reset.errno());
        a.close(acc.fd());
        a.close(acc2.fd());
        a.close(l);

        Map<String, Long> counters = b.nstat();
        assertTrue(counters.get("TcpActiveOpens") >= 2, counters.toString());
        assertTrue(a.nstat().get("TcpPassiveOpens") >= 2);
    }

    @Test
    void connectToAClosedPortIsEconnrefused() {
        int c = b.socket();
        ErrnoException e = assertThrows(ErrnoException.class, () -> b.connect(c, "198.51.100.1", 7001, T));
        assertEquals("ECONNREFUSED", e.errno());
    }

    @Test
    void nonBlockingConnectReportsEinprogressThenSoError() throws Exception {
        int c = b.socket();
        String first = b.connectNonBlocking(c, "198.51.100.1", 7002);
        String err = first;
        if (first.equals("EINPROGRESS")) {
            long end = System.nanoTime() + T.toNanos();
            do {
                Thread.sleep(5);
                err = b.soError(c);
            } while (err.equals("0") && System.nanoTime() < end);
        }
        assertEquals("ECONNREFUSED", err);
    }

    @Test
    void unsupportedOptionsSayWhyAndBadDescriptorsAreEbadf() {
        int c = b.socket();
        ErrnoException e = assertThrows(ErrnoException.class, () -> b.setsockopt(c, "TCP_SYNCNT", 2));
        assertEquals("ENOPROTOOPT", e.errno());
        assertTrue(e.getMessage().contains("tcp_syn_retries"), e.getMessage());
        assertEquals("EBADF", assertThrows(ErrnoException.class, () -> b.close(999)).errno());
        assertEquals("ENOTCONN", assertThrows(ErrnoException.class, () -> b.send(c, bytes("x"))).errno());
    }

    @Test
    void bindConflictIsEaddrinuseAtListen() {
        int l1 = a.socket();
        a.bind(l1, "198.51.100.1", 7100);
        a.listen(l1, 4);
        int l2 = a.socket();
        a.bind(l2, "198.51.100.1", 7100);
        assertEquals("EADDRINUSE", assertThrows(ErrnoException.class, () -> a.listen(l2, 4)).errno());
        a.close(l1);
    }

    @Test
    void sysctlIsPerNamespace() {
        String root = Command.of("sysctl", "-n", "net.ipv4.tcp_syn_retries").run().orThrow().stdout().strip();
        String other = root.equals("3") ? "4" : "3";
        String inB = b.sysctl("net.ipv4.tcp_syn_retries");
        a.sysctl("net.ipv4.tcp_syn_retries", other);
        assertEquals(other, a.sysctl("net.ipv4.tcp_syn_retries"));
        assertEquals(root, Command.of("sysctl", "-n", "net.ipv4.tcp_syn_retries").run().orThrow().stdout().strip());
        assertEquals(inB, b.sysctl("net.ipv4.tcp_syn_retries"));
        assertThrows(IllegalArgumentException.class, () -> a.sysctl("net.ipv4.tcp_syn_retries; reboot", "1"));
    }

    /** Refused before anything is written: the host keeps its value. */
    @Test
    void hostWideSysctlsAreRefusedAndPerNamespaceOnesAccepted() {
        String printk = rootSysctl("kernel.printk_ratelimit");
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class,
                () -> a.sysctl("kernel.printk_ratelimit", printk.equals("7") ? "8" : "7"));
        assertEquals("sysctl kernel.printk_ratelimit is host-wide: kernel.* settings are one value for the whole machine, "
                + "and a lab may change only settings Linux keeps per network namespace (net.*, e.g. "
                + "net.ipv4.tcp_syn_retries)", kernel.getMessage());
        assertEquals(printk, rootSysctl("kernel.printk_ratelimit"));

        // net.* that Linux keeps for the whole machine: absent from a child namespace, or read-only there
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> a.sysctl("net.core.netdev_max_backlog", "2000"));
        assertTrue(absent.getMessage().startsWith("sysctl net.core.netdev_max_backlog is host-wide: Linux keeps it for the "
                + "whole machine, not per network namespace"), absent.getMessage());
        String rmemMax = rootSysctl("net.core.rmem_max");
        IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                () -> a.sysctl("net.core.rmem_max", "4096"));
        assertTrue(readOnly.getMessage().startsWith("sysctl net.core.rmem_max is host-wide: Linux shares one value"),
                readOnly.getMessage());
        assertEquals(rmemMax, rootSysctl("net.core.rmem_max"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.sysctl("net.ipv4.no_such_setting", "1"))
                .getMessage().contains("no such setting"));

        // net.core.somaxconn is per namespace (netns_core_table): accepted, and the host keeps its own
        String somaxconn = rootSysctl("net.core.somaxconn");
        String other = somaxconn.equals("1000") ? "1001" : "1000";
        a.sysctl("net.core.somaxconn", other);
        assertEquals(other, a.sysctl("net.core.somaxconn"));
        assertEquals(somaxconn, rootSysctl("net.core.somaxconn"));
    }

    private static String rootSysctl(String name) {
        return Command.of("sysctl", "-n", name).run().orThrow().stdout().strip();
    }

    @Test
    void nstatParsesCounterLines() {
        Map<String, Long> m = LinuxHost.parseNstat("#kernel\nIpInReceives                    12                 0.0\nTcpExtListenOverflows  0  0.0\n");
        assertEquals(Map.of("IpInReceives", 12L, "TcpExtListenOverflows", 0L), m);
    }
}
