package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cookie SYN-ACK's options (tcp_conn_request, cookie_init_timestamp, cookie_v4_check): SACK
 * and window scaling survive a cookie only inside the TSval, so without timestamps the SYN-ACK
 * carries only mss and both ends stay unscaled; with timestamps all options are offered and
 * recovered from the echoed TSval.
 */
class SyncookieOptionsTest {
    static final long MS = 1_000_000L;

    private record Run(Wire.Seg synack, Socket client, Socket child) {}

    private static Run connect(int clientTimestamps) {
        Network net = new Network(11);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        server.sysctl("net.ipv4.tcp_syncookies", 2);
        client.sysctl("net.ipv4.tcp_timestamps", clientTimestamps);
        Socket ls = server.socket();
        ls.bind(Ipv4Address.parse("192.0.2.2"), 80);
        ls.listen(8);
        Socket[] child = new Socket[1];
        ls.accept().onDone(a -> child[0] = a.value());
        Socket cs = client.socket();
        cs.connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.run(100 * MS);
        Wire.Seg synack = Wire.segments(link).stream()
                .filter(s -> s.tcp().flags() == (TcpFlags.SYN | TcpFlags.ACK)).findFirst().orElseThrow();
        return new Run(synack, cs, child[0]);
    }

    @Test
    void withoutTimestampsOnlyMss() {
        Run r = connect(0);
        assertEquals(List.of(2), r.synack().tcp().options().kinds(), "mss only");
        assertEquals(0, r.client().sock().sndWscale());
        assertEquals(0, r.child().sock().rcvWscale());
        assertEquals(0, r.child().sock().sndWscale());
    }

    @Test
    void withTimestampsTheOptionsRideInTsval() {
        Run r = connect(1);
        List<Integer> kinds = r.synack().tcp().options().kinds();
        assertTrue(kinds.contains(4) && kinds.contains(8) && kinds.contains(3), "sackOK, TS, wscale: " + kinds);
        // the child recovers the client's wscale (10) and SACK from the ACK's TSecr
        assertEquals(10, r.child().sock().sndWscale());
        assertEquals(r.client().sock().sndWscale(), r.child().sock().rcvWscale());
        assertTrue(r.child().sock().sackOk);
    }
}
