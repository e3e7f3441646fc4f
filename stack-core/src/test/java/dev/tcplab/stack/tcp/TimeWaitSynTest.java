package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.SockOpt;
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

/** A SYN meets a TIME_WAIT minisock (linux-handshake.md 9.4, tcp_timewait_state_process, tcp_v4_rcv TCP_TW_SYN). */
class TimeWaitSynTest {
    static final long MS = 1_000_000L;
    static final Ipv4Address C = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address S = Ipv4Address.parse("192.0.2.2");
    Network net;
    Host client;
    Host server;
    Link link;
    Socket cs;
    Socket child;

    @BeforeEach
    void connected() {
        net = new Network(11);
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(1 * MS);
        Socket ls = server.socket();
        ls.bind(S, 80);
        ls.listen(8);
        cs = client.socket();
        cs.setsockopt(SockOpt.SO_REUSEADDR, 1);
        cs.bind(C, 40000);
        cs.connect(S, 80);
        Socket[] c = new Socket[1];
        ls.accept().onDone(a -> c[0] = a.value());
        net.run(50 * MS);
        child = c[0];
    }

    /** The server closes first, so its host (which has the listener) holds the TIME_WAIT. */
    private TimeWaitSock serverTimeWait() {
        child.close();
        net.run(10 * MS);
        cs.close();
        net.run(100 * MS);
        Sock tw = server.tcp().hashtables.lookupEstablished(S, 80, C, 40000);
        assertEquals(TcpState.TCP_TIME_WAIT, tw.state);
        return (TimeWaitSock) tw;
    }

    @Test
    void newerSynReusesTheTupleWithIsnAfterTheOldSndNxt() {
        serverTimeWait();
        int oldSndNxt = child.sock().sndNxt();
        Socket again = client.socket();
        again.setsockopt(SockOpt.SO_REUSEADDR, 1);
        assertEquals(Errno.OK, again.bind(C, 40000));
        long t = net.now();
        Call<Void> conn = again.connect(S, 80);
        net.run(50 * MS);
        assertEquals(Errno.OK, conn.errno());
        Wire.Seg synack = Wire.segments(link).stream()
                .filter(s -> s.timeNanos() > t && s.tcp().flags() == (TcpFlags.SYN | TcpFlags.ACK)).findFirst().orElseThrow();
        assertEquals(oldSndNxt + 65535 + 2, synack.tcp().seq(), "tcp_tw_isn = tw_snd_nxt + 65535 + 2");
        Sock now = server.tcp().hashtables.lookupEstablished(S, 80, C, 40000);
        assertNotNull(now);
        assertEquals(TcpState.TCP_ESTABLISHED, now.state, "the TIME_WAIT was killed and replaced");
    }

    @Test
    void oldSynGetsTheTimeWaitAck() {
        TimeWaitSock tw = serverTimeWait();
        // as in the reference scripts: the client kernel would RST the TIME_WAIT ACK and kill it (RFC 1337)
        client.ip().netfilter().dropOutput("--tcp-flags RST RST", (ip, seg) -> (seg.flags() & TcpFlags.RST) != 0);
        long t = net.now();
        client.inject(new Ipv4Repr(C, S, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(40000, 80, tw.rcvNxt - 1000, 0, TcpFlags.SYN, 64240, 0, TcpOptions.NONE, new byte[0]));
        net.run(10 * MS);
        List<Wire.Seg> out = Wire.segments(link).stream().filter(s -> s.timeNanos() > t && s.src().equals("192.0.2.2")).toList();
        assertEquals(1, out.size());
        assertEquals(TcpFlags.ACK, out.get(0).tcp().flags());
        assertEquals(tw.rcvNxt, out.get(0).tcp().ack());
        assertEquals(tw, server.tcp().hashtables.lookupEstablished(S, 80, C, 40000), "TIME_WAIT stays");
    }

    /** An old sequence number is still accepted when the SYN's timestamp is newer than ts_recent. */
    @Test
    void oldSeqWithNewerTimestampIsAccepted() {
        TimeWaitSock tw = serverTimeWait();
        int sndNxt = tw.sndNxt;
        client.ip().netfilter().dropOutput("--tcp-flags RST RST", (ip, seg) -> (seg.flags() & TcpFlags.RST) != 0);
        long t = net.now();
        client.inject(new Ipv4Repr(C, S, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(40000, 80, tw.rcvNxt - 1000, 0, TcpFlags.SYN, 64240, 0,
                        TcpOptions.syn(1460, true, true, tw.tsRecent + 1000, 0, 7), new byte[0]));
        net.run(10 * MS);
        List<Wire.Seg> out = Wire.segments(link).stream().filter(s -> s.timeNanos() > t && s.src().equals("192.0.2.2")).toList();
        assertEquals(1, out.size());
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, out.get(0).tcp().flags());
        assertEquals(sndNxt + 65535 + 2, out.get(0).tcp().seq());
        // the TS offset is the 4-tuple's as for any request (the old connection had the same one)
        int clockAtSend = out.get(0).tcp().options().tsVal() - child.sock().tsOffset;
        int age = server.tcp().tcpTimeStamp() - clockAtSend;
        assertTrue(age >= 0 && age <= 10, "TSval = tcp_time_stamp + the 4-tuple's offset; off by " + age + " ms");
        assertEquals(TcpState.TCP_NEW_SYN_RECV, server.tcp().hashtables.lookupEstablished(S, 80, C, 40000).state);
    }

    /** tcp_v4_rcv: TCP_TW_SYN without a listener falls through to TCP_TW_ACK (no RST, TIME_WAIT kept). */
    @Test
    void newerSynWithoutListenerIsAckedNotReset() {
        cs.close();
        net.run(10 * MS);
        child.close();
        net.run(100 * MS);
        Sock sock = client.tcp().hashtables.lookupEstablished(C, 40000, S, 80);
        assertEquals(TcpState.TCP_TIME_WAIT, sock.state);
        TimeWaitSock tw = (TimeWaitSock) sock;
        server.ip().netfilter().dropOutput("--tcp-flags RST RST", (ip, seg) -> (seg.flags() & TcpFlags.RST) != 0);
        long t = net.now();
        server.inject(new Ipv4Repr(S, C, IpProtocol.TCP, 64, 0, 1, false, 0),
                new TcpRepr(80, 40000, tw.rcvNxt + 100_000, 0, TcpFlags.SYN, 64240, 0, TcpOptions.NONE, new byte[0]));
        net.run(10 * MS);
        List<Wire.Seg> out = Wire.segments(link).stream().filter(s -> s.timeNanos() > t && s.src().equals("192.0.2.1")).toList();
        assertEquals(1, out.size());
        assertEquals(TcpFlags.ACK, out.get(0).tcp().flags(), "the timewait ACK, not a RST");
        assertEquals(tw, client.tcp().hashtables.lookupEstablished(C, 40000, S, 80));
        assertEquals(0, client.counter("TcpOutRsts"));
        assertNull(client.tcp().hashtables.lookupListener(C, 40000));
    }
}
