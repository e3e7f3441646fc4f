package dev.tcplab.stack.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

/** Sysctls are parsed once and cached: every write must be seen by the next read. */
class SysctlsTest {
    @Test
    void aWriteAfterAReadIsSeenByEveryKindOfRead() {
        Sysctls s = new Sysctls(KernelProfile.LINUX_6_18);
        assertEquals(6, s.getInt("net.ipv4.tcp_syn_retries"));
        assertEquals(6, s.getIpv4Int("tcp_syn_retries"));
        assertArrayEquals(new int[] {32768, 60999}, s.getInts("net.ipv4.ip_local_port_range"));
        assertArrayEquals(new int[0], s.getInts("net.ipv4.ip_local_reserved_ports"));

        s.set("net.ipv4.tcp_syn_retries", 2);
        s.set("net.ipv4.ip_local_port_range", "40000 40010");
        s.set("net.ipv4.ip_local_reserved_ports", "40002,40004");
        assertEquals(2, s.getInt("net.ipv4.tcp_syn_retries"));
        assertEquals(2, s.getIpv4Int("tcp_syn_retries"));
        assertEquals(40000, s.getInt("net.ipv4.ip_local_port_range"));
        assertArrayEquals(new int[] {40000, 40010}, s.getInts("net.ipv4.ip_local_port_range"));
        assertArrayEquals(new int[] {40002, 40004}, s.getInts("net.ipv4.ip_local_reserved_ports"));
    }

    @Test
    void theCachedArrayCannotBeChangedThroughAReturnedCopy() {
        Sysctls s = new Sysctls(KernelProfile.LINUX_6_18);
        s.getInts("net.ipv4.tcp_rmem")[2] = 1;
        assertEquals(33554432, s.getInts("net.ipv4.tcp_rmem")[2]);
    }

    @Test
    void aBadValueStillFailsOnRead() {
        Sysctls s = new Sysctls(KernelProfile.LINUX_6_18);
        s.getInt("net.ipv4.tcp_syn_retries");
        s.set("net.ipv4.tcp_syn_retries", "six");
        assertThrows(NumberFormatException.class, () -> s.getInt("net.ipv4.tcp_syn_retries"));
    }

    /**
     * The stack reads through the cache: tcp_syn_retries lowered after a first connect() (which
     * read it) gives the next connect() as many retransmissions as a host that had it from start.
     */
    @Test
    void theStackSeesAWriteMadeBetweenTwoConnects() {
        assertEquals(10, retransmissionsUntilTimeout(null, false), "defaults: 11 SYNs (linux-6.18 capture)");
        long fresh = retransmissionsUntilTimeout(2, true);
        assertTrue(fresh < 10, "tcp_syn_retries 2: fewer retransmissions, got " + fresh);
        assertEquals(fresh, retransmissionsUntilTimeout(2, false));
    }

    private static long retransmissionsUntilTimeout(Integer retries, boolean fromStart) {
        Network net = new Network(1);
        Host c = net.host("c");
        if (retries != null && fromStart) {
            c.sysctl("net.ipv4.tcp_syn_retries", retries);
        }
        Host s = net.host("s");
        net.link(c, "192.0.2.1/24", s, "192.0.2.2/24");
        s.ip().netfilter().dropInput("all", (ip, tcp) -> true);
        Ipv4Address dst = Ipv4Address.parse("192.0.2.2");
        if (retries != null && !fromStart) {
            Call<Void> first = c.socket().connect(dst, 80);
            net.run(1_000_000_000_000L);
            assertEquals(Errno.ETIMEDOUT, first.errno());
            c.sysctl("net.ipv4.tcp_syn_retries", retries);
        }
        long before = c.counter("TcpRetransSegs");
        Socket sock = c.socket();
        Call<Void> call = sock.connect(dst, 80);
        net.run(1_000_000_000_000L);
        assertEquals(Errno.ETIMEDOUT, call.errno());
        return c.counter("TcpRetransSegs") - before;
    }
}
