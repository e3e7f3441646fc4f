package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The close states (linux-handshake.md 4.4, 10.2). */
class CloseStatesTest {
    static final long MS = 1_000_000L;
    Network net;
    Host a;
    Host b;
    Socket ca;
    Socket cb;

    @BeforeEach
    void connected() {
        net = new Network(8);
        // the nominal times this test is about; the timer wheel's rounding is TimerWheelTest's and the reference scenarios'
        net.exactTimers();
        a = net.host("a");
        b = net.host("b");
        net.link(a, "192.0.2.1/24", b, "192.0.2.2/24").setDelay(5 * MS);
        Socket ls = b.socket();
        ls.bind(Ipv4Address.parse("192.0.2.2"), 80);
        ls.listen(8);
        ca = a.socket();
        ca.connect(Ipv4Address.parse("192.0.2.2"), 80);
        Socket[] child = new Socket[1];
        ls.accept().onDone(c -> child[0] = c.value());
        net.run(100 * MS);
        cb = child[0];
        assertEquals(TcpState.TCP_ESTABLISHED, cb.state());
    }

    private List<String> states(Host h, Socket s) {
        String id = s.sock().id() + " ";
        return net.trace().events().stream()
                .filter(e -> e instanceof dev.tcplab.stack.host.TraceEvent.StateChange sc && sc.host().equals(h.name())
                        && sc.socket().startsWith(id))
                .map(e -> ((dev.tcplab.stack.host.TraceEvent.StateChange) e).to()).toList();
    }

    @Test
    void simultaneousCloseGoesThroughClosing() {
        ca.close();
        cb.close();
        net.run(20 * MS);
        // the full socket goes FIN_WAIT1 -> CLOSING, then tcp_time_wait hands over to a minisock
        assertEquals(List.of("TCP_FIN_WAIT1", "TCP_CLOSING", "TCP_CLOSE"), states(a, ca).subList(2, 5));
        assertEquals(List.of("TCP_FIN_WAIT1", "TCP_CLOSING", "TCP_CLOSE"), states(b, cb).subList(2, 5));
        assertEquals(TcpState.TCP_TIME_WAIT, ca.state());
        assertEquals(TcpState.TCP_TIME_WAIT, cb.state());
        assertEquals(1, a.counter("TcpExtTW"));
        assertEquals(1, b.counter("TcpExtTW"));
    }

    @Test
    void passiveCloseGoesThroughCloseWaitAndLastAck() {
        ca.close();
        net.run(20 * MS);
        assertEquals(TcpState.TCP_CLOSE_WAIT, cb.state());
        cb.close();
        assertEquals(TcpState.TCP_LAST_ACK, cb.state());
        net.run(20 * MS);
        assertEquals(TcpState.TCP_CLOSE, cb.state());
        assertEquals(TcpState.TCP_TIME_WAIT, ca.state());
        net.run(60_000 * MS);
        assertEquals(TcpState.TCP_CLOSE, ca.state(), "TIME_WAIT lasts TCP_TIMEWAIT_LEN = 60 s");
        assertEquals(0, a.tcp().hashtables.established().size());
    }

    @Test
    void halfCloseKeepsAFullSocketInFinWait2() {
        ca.shutdown(1);
        net.run(100 * MS); // the peer's ACK of a FIN is delayed 40 ms (pingpong after FIN)
        assertEquals(TcpState.TCP_FIN_WAIT2, ca.state());
        assertTrue(a.tcp().hashtables.established().stream().allMatch(s -> s instanceof TcpSock),
                "not orphaned: a full socket, not a timewait minisock");
        cb.send("late reply");
        net.run(20 * MS);
        assertEquals("late reply", new String(ca.received()));
    }

    @Test
    void closeWithUnreadDataSendsRst() {
        cb.send("unread");
        net.run(20 * MS);
        ca.close();
        net.run(20 * MS);
        assertEquals(1, a.counter("TcpExtTCPAbortOnClose"));
        assertEquals(1, a.counter("TcpOutRsts"));
        assertEquals(TcpState.TCP_CLOSE, cb.state());
        assertEquals(1, b.counter("TcpEstabResets"));
    }
}
