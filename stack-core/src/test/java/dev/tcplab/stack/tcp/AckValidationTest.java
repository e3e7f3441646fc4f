package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tcp_ack's acceptability rules and OutSegs accounting (linux-handshake.md 9.3, 11). */
class AckValidationTest {
    static final long MS = 1_000_000L;
    static final Ipv4Address C = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address S = Ipv4Address.parse("192.0.2.2");

    /**
     * RFC 5961 5.2 in tcp_ack: an ACK older than min(max_window, bytes_acked) below snd_una gets
     * a challenge ACK and the segment is dropped. A server child that sent nothing has
     * bytes_acked 0, so data acking one byte before its snd_una is a blind injection.
     */
    @Test
    void dataWithAnAckBelowBytesAckedIsChallenged() {
        Network net = new Network(6);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(1 * MS);
        Socket ls = server.socket();
        ls.bind(S, 80);
        ls.listen(8);
        Socket cs = client.socket();
        cs.bind(C, 41000);
        cs.connect(S, 80);
        Socket[] child = new Socket[1];
        ls.accept().onDone(a -> child[0] = a.value());
        net.run(100 * MS);
        TcpSock srv = child[0].sock();
        long t = net.now();
        client.inject(new Ipv4Repr(C, S, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(41000, 80, srv.rcvNxt(), srv.sndUna() - 1, TcpFlags.ACK | TcpFlags.PSH, 502, 0, TcpOptions.NONE,
                        "injected".getBytes(StandardCharsets.US_ASCII)));
        net.run(10 * MS);
        assertEquals(0, srv.receiveQueueLength(), "the injected data was dropped");
        assertEquals(1, server.counter("TcpExtTCPChallengeACK"));
        List<Wire.Seg> out = Wire.segments(link).stream().filter(s -> s.timeNanos() > t && s.src().equals("192.0.2.2")).toList();
        assertEquals(1, out.size());
        assertEquals(srv.rcvNxt(), out.get(0).tcp().ack());
        // once the server's data was acked, the same distance is an ordinary old duplicate
        child[0].send("hello");
        net.run(50 * MS);
        client.inject(new Ipv4Repr(C, S, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(41000, 80, srv.rcvNxt(), srv.sndUna() - 1, TcpFlags.ACK | TcpFlags.PSH, 502, 0, TcpOptions.NONE,
                        "ok".getBytes(StandardCharsets.US_ASCII)));
        net.run(10 * MS);
        assertEquals(2, srv.receiveQueueLength());
        assertEquals(1, server.counter("TcpExtTCPChallengeACK"));
    }

    /**
     * __tcp_transmit_skb counts OutSegs only for segments that advance snd_nxt or carry no
     * sequence space: the simultaneous-open SYN-ACK (tcp_send_synack) reuses the SYN's sequence
     * number, so each side counts SYN + final ACK = 2.
     */
    @Test
    void simultaneousOpenSynAckIsNotInOutSegs() {
        Network net = new Network(2);
        Host a = net.host("a");
        Host b = net.host("b");
        net.link(a, "192.0.2.1/24", b, "192.0.2.2/24").setDelay(5 * MS);
        Socket sa = a.socket();
        Socket sb = b.socket();
        sa.bind(C, 7000);
        sb.bind(S, 7001);
        Call<Void> ca = sa.connect(S, 7001);
        Call<Void> cb = sb.connect(C, 7000);
        net.run(100 * MS);
        assertEquals(Errno.OK, ca.errno());
        assertEquals(Errno.OK, cb.errno());
        assertEquals(2, a.counter("TcpOutSegs"));
        assertEquals(2, b.counter("TcpOutSegs"));
        assertEquals(0, a.counter("TcpRetransSegs"));
    }
}
