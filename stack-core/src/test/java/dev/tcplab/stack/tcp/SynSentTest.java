package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tcp_rcv_synsent_state_process against injected segments, as in the h2 capture script
 * (linux-handshake.md 3.3, 9.2): the server drops the SYN, an injector answers instead.
 */
class SynSentTest {
    static final long MS = 1_000_000L;
    static final Ipv4Address C = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address S = Ipv4Address.parse("192.0.2.2");
    Network net;
    Host client;
    Host server;
    Link link;
    Socket sock;
    Call<Void> connect;
    int isn;

    @BeforeEach
    void synSent() {
        net = new Network(5);
        // the nominal times this test is about; the timer wheel's rounding is TimerWheelTest's and the reference scenarios'
        net.exactTimers();
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        server.ip().netfilter().dropInput("--syn", (ip, t) -> true);
        sock = client.socket();
        connect = sock.connect(S, 5000);
        isn = sock.sock().sndUna();
    }

    private void inject(long atNs, int flags, int seq, int ack) {
        net.loop().schedule(atNs - net.now(), () -> server.inject(new Ipv4Repr(S, C, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(5000, sock.localPort(), seq, ack, flags, (flags & TcpFlags.RST) != 0 ? 0 : 65535, 0,
                        TcpOptions.NONE, new byte[0])));
    }

    private List<Wire.Seg> fromClientAfter(long t) {
        return Wire.segments(link).stream().filter(s -> s.src().equals("192.0.2.1") && s.timeNanos() > t).toList();
    }

    @Test
    void bareRstAndWrongAckRstAreIgnoredExactRstRefuses() {
        inject(100 * MS, TcpFlags.RST, 0, 0);
        net.runUntil(150 * MS);
        assertEquals(TcpState.TCP_SYN_SENT, sock.state(), "RST without ACK: ignored");
        assertEquals(List.of(), fromClientAfter(90 * MS));
        // a bad SYN-ACK: RST with seq = its ack (no ACK flag), SYN again after TCP_TIMEOUT_MIN
        inject(300 * MS, TcpFlags.SYN | TcpFlags.ACK, 777, isn + 1000);
        net.runUntil(400 * MS);
        List<Wire.Seg> out = fromClientAfter(290 * MS);
        assertEquals(2, out.size(), "RST, then the SYN retransmission");
        assertEquals(TcpFlags.RST, out.get(0).tcp().flags());
        assertEquals(isn + 1000, out.get(0).tcp().seq());
        assertEquals(TcpFlags.SYN, out.get(1).tcp().flags());
        assertEquals(isn, out.get(1).tcp().seq());
        long gap = out.get(1).timeNanos() - out.get(0).timeNanos();
        assertEquals(Tcp.TCP_TIMEOUT_MIN, gap, "re-armed to TCP_TIMEOUT_MIN (8 ms at HZ=250)");
        assertEquals(TcpState.TCP_SYN_SENT, sock.state());
        // RST|ACK with the wrong ack: ignored (a retransmission happened, so no early SYN)
        inject(500 * MS, TcpFlags.RST | TcpFlags.ACK, 0, isn + 1000);
        net.runUntil(650 * MS);
        assertEquals(TcpState.TCP_SYN_SENT, sock.state());
        assertEquals(List.of(), fromClientAfter(490 * MS));
        assertEquals(0, client.counter("TcpAttemptFails"));
        // RST|ACK acking our SYN: ECONNREFUSED
        inject(700 * MS, TcpFlags.RST | TcpFlags.ACK, 0, isn + 1);
        net.runUntil(800 * MS);
        assertEquals(TcpState.TCP_CLOSE, sock.state());
        assertEquals(Errno.ECONNREFUSED, connect.errno());
        assertEquals(1, client.counter("TcpAttemptFails"));
        assertEquals(List.of(), fromClientAfter(690 * MS), "no answer to the accepted RST");
    }

    /** tcp_rcv_synsent_state_process: the timer re-arm comes before reset_and_undo, so a bad RST|ACK also hurries the SYN. */
    @Test
    void wrongAckRstBeforeAnyRetransmissionHurriesTheSyn() {
        inject(100 * MS, TcpFlags.RST | TcpFlags.ACK, 0, isn + 5);
        net.runUntil(200 * MS);
        List<Wire.Seg> out = fromClientAfter(90 * MS);
        assertEquals(1, out.size(), "no RST for a RST; one early SYN");
        assertEquals(TcpFlags.SYN, out.get(0).tcp().flags());
        assertTrue(out.get(0).timeNanos() <= 100 * MS + 20_000 + Tcp.TCP_TIMEOUT_MIN);
        assertEquals(TcpState.TCP_SYN_SENT, sock.state());
    }
}
