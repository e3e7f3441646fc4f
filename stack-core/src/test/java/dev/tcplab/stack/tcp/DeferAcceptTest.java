package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TCP_DEFER_ACCEPT: seconds → SYN-ACK timeouts (secs_to_retrans); tcp_check_req drops the bare
 * third ACK (TCPDeferAcceptDrop) while num_timeout &lt; defer; data completes the handshake;
 * syn_ack_recalc holds SYN-ACK retransmissions of an acked request until the last timeout.
 */
class DeferAcceptTest {
    static final long MS = 1_000_000L;
    static final Ipv4Address C = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address S = Ipv4Address.parse("192.0.2.2");
    Network net;
    Host client;
    Host server;
    Link link;
    Socket ls;
    Socket[] accepted;
    long[] acceptedAt;

    @BeforeEach
    void listener() {
        net = new Network(4);
        // the nominal times this test is about; the timer wheel's rounding is TimerWheelTest's and the reference scenarios'
        net.exactTimers();
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(1 * MS);
        ls = server.socket();
        ls.bind(S, 80);
        ls.listen(8);
        ls.setsockopt(SockOpt.TCP_DEFER_ACCEPT, 5); // 5 s → 3 timeouts (1 + 2 + 4 s)
        accepted = new Socket[1];
        acceptedAt = new long[1];
        ls.accept().onDone(a -> {
            accepted[0] = a.value();
            acceptedAt[0] = net.now();
        });
    }

    @Test
    void secondsBecomeTimeouts() {
        assertEquals(3, ls.sock().deferAcceptTimeouts, "secs_to_retrans(5, 1, 120)");
        ls.setsockopt(SockOpt.TCP_DEFER_ACCEPT, 1);
        assertEquals(1, ls.sock().deferAcceptTimeouts);
        ls.setsockopt(SockOpt.TCP_DEFER_ACCEPT, 3);
        assertEquals(2, ls.sock().deferAcceptTimeouts);
        ls.setsockopt(SockOpt.TCP_DEFER_ACCEPT, 0);
        assertEquals(0, ls.sock().deferAcceptTimeouts);
    }

    private List<Wire.Seg> synacks() {
        return Wire.segments(link).stream().filter(s -> s.tcp().flags() == (TcpFlags.SYN | TcpFlags.ACK)).toList();
    }

    @Test
    void bareAckIsDroppedDataCompletes() {
        Socket cs = client.socket();
        Call<Void> conn = cs.connect(S, 80);
        net.run(100 * MS);
        assertEquals(TcpState.TCP_ESTABLISHED, cs.state(), "the client is connected");
        assertNull(accepted[0], "the bare ACK did not create a child");
        assertEquals(1, server.counter("TcpExtTCPDeferAcceptDrop"));
        assertEquals(0, server.counter("TcpPassiveOpens"));
        assertEquals(1, ls.sock().acceptQueue().requests.size(), "the request sock waits, acked");
        assertTrue(ls.sock().acceptQueue().requests.get(0).acked);
        net.run(400 * MS);
        cs.send("GET /");
        net.run(100 * MS);
        assertNotNull(accepted[0], "data on the ACK completes the handshake");
        assertEquals(1, server.counter("TcpPassiveOpens"));
        assertEquals("GET /", new String(accepted[0].received()));
        assertEquals(1, synacks().size(), "no SYN-ACK retransmission meanwhile");
        assertEquals(1, server.counter("TcpExtTCPDeferAcceptDrop"));
        assertNotNull(conn);
    }

    @Test
    void acceptedAfterTheLastTimeoutWithoutData() {
        Socket cs = client.socket();
        cs.connect(S, 80);
        net.run(6500 * MS);
        // timeouts at 1 s and 3 s resend nothing (acked, num_timeout < defer - 1)
        assertEquals(1, synacks().size());
        assertNull(accepted[0]);
        net.run(1500 * MS);
        // at 7 s (num_timeout 2 = defer - 1) the SYN-ACK goes out again; the client's challenge ACK
        // arrives with num_timeout 3 = defer and creates the child
        List<Wire.Seg> sa = synacks();
        assertEquals(2, sa.size());
        long second = sa.get(1).timeNanos() - sa.get(0).timeNanos();
        assertEquals(7000 * MS, second, 1 * MS);
        assertNotNull(accepted[0]);
        assertEquals(1, server.counter("TcpExtTCPDeferAcceptDrop"));
        assertEquals(3, server.counter("TcpExtTCPTimeouts"));
        assertEquals(1, client.counter("TcpExtTCPSYNChallenge"));
    }

    /** tcp_rcv_synsent_state_process: with TCP_DEFER_ACCEPT the client holds the third ACK for TCP_DELACK_MAX. */
    @Test
    void clientWithDeferAcceptDelaysTheThirdAck() {
        Socket cs = client.socket();
        cs.setsockopt(SockOpt.TCP_DEFER_ACCEPT, 1);
        cs.connect(S, 80);
        net.run(500 * MS);
        List<Wire.Seg> fromClient = Wire.segments(link).stream().filter(s -> s.src().equals("192.0.2.1")).toList();
        assertEquals(2, fromClient.size(), "SYN, then the delayed ACK");
        Wire.Seg synack = synacks().get(0);
        long delay = fromClient.get(1).timeNanos() - (synack.timeNanos() + 1 * MS);
        assertEquals(Tcp.TCP_DELACK_MAX, delay, "TCP_DELACK_MAX, not the 40 ms ato");
        assertEquals(1, client.counter("TcpExtDelayedACKs"));
    }
}
