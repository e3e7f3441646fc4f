package dev.tcplab.stack.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

/** Three hosts on a learning switch; ARP resolves for real (no static entries). */
class SwitchTest {
    @Test
    void threeHostsConnectThroughASwitchWithRealArp() {
        Network net = new Network(4);
        Host a = net.host("a");
        Host b = net.host("b");
        Host c = net.host("c");
        Switch sw = net.lan("lan");
        net.attach(a, "192.0.2.1/24", sw).setDelay(1_000_000);
        net.attach(b, "192.0.2.2/24", sw).setDelay(1_000_000);
        net.attach(c, "192.0.2.3/24", sw).setDelay(1_000_000);
        Socket ls = b.socket();
        ls.bind(Ipv4Address.parse("192.0.2.2"), 80);
        ls.listen(8);
        Call<Void> fromA = a.socket().connect(Ipv4Address.parse("192.0.2.2"), 80);
        Call<Void> fromC = c.socket().connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.run(100_000_000);
        assertEquals(Errno.OK, fromA.errno());
        assertEquals(Errno.OK, fromC.errno());
        assertEquals(2, b.counter("TcpPassiveOpens"));
        // every message crosses two 1 ms links: ARP request, ARP reply, SYN, SYN-ACK
        assertEquals(8_000_000, fromA.doneAt());
        assertEquals(a.ip().arp().cache().get(Ipv4Address.parse("192.0.2.2")), net.links().get(1).a().mac());
    }
}
