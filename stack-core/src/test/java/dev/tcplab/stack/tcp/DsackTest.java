package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.ipv4.Netfilter;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.SackBlock;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * D-SACK (RFC 2883) as Linux sends it (tcp_dsack_set, tcp_send_dupack, tcp_options_write) and
 * reads it (tcp_check_dsack, tcp_try_undo_loss); linux-handshake.md 10.1 [obs g].
 */
class DsackTest {
    static final long MS = 1_000_000L;

    /** [obs g]: first SYNs dropped, the retransmitted SYNs cross; both final ACKs D-SACK the peer's SYN. */
    @Test
    void simultaneousOpenFinalAcksCarryDsackOfTheSyn() {
        Network net = new Network(2);
        Host a = net.host("a");
        Host b = net.host("b");
        Link link = net.link(a, "192.0.2.1/24", b, "192.0.2.2/24");
        link.setDelay(5 * MS);
        Netfilter.Rule da = a.ip().netfilter().dropOutput("first SYN", (ip, t) -> t.flags() == TcpFlags.SYN);
        Netfilter.Rule db = b.ip().netfilter().dropOutput("first SYN", (ip, t) -> t.flags() == TcpFlags.SYN);
        Socket sa = a.socket();
        Socket sb = b.socket();
        sa.bind(Ipv4Address.parse("192.0.2.1"), 7000);
        sb.bind(Ipv4Address.parse("192.0.2.2"), 7001);
        Call<Void> ca = sa.connect(Ipv4Address.parse("192.0.2.2"), 7001);
        Call<Void> cb = sb.connect(Ipv4Address.parse("192.0.2.1"), 7000);
        net.run(500 * MS);
        a.ip().netfilter().remove(da);
        b.ip().netfilter().remove(db);
        net.run(1500 * MS);
        assertEquals(Errno.OK, ca.errno());
        assertEquals(Errno.OK, cb.errno());
        int isnA = sa.sock().sndUna() - 1;
        int isnB = sb.sock().sndUna() - 1;
        List<Wire.Seg> acks = Wire.segments(link).stream().filter(s -> s.tcp().flags() == TcpFlags.ACK).toList();
        Wire.Seg fromA = acks.stream().filter(s -> s.src().equals("192.0.2.1")).findFirst().orElseThrow();
        Wire.Seg fromB = acks.stream().filter(s -> s.src().equals("192.0.2.2")).findFirst().orElseThrow();
        assertEquals(List.of(new SackBlock(isnB, isnB + 1)), fromA.tcp().options().sackBlocks(), "a D-SACKs b's SYN");
        assertEquals(List.of(new SackBlock(isnA, isnA + 1)), fromB.tcp().options().sackBlocks(), "b D-SACKs a's SYN");
        // tcp_options_write: nop,nop,TS then nop,nop,SACK (kind 5)
        assertEquals(List.of(1, 1, 8, 1, 1, 5), fromA.tcp().options().kinds());
        for (Host h : List.of(a, b)) {
            assertEquals(1, h.counter("TcpExtTCPDSACKOldSent"), h.name());
            assertEquals(1, h.counter("TcpExtDelayedACKLost"), h.name());
            assertEquals(1, h.counter("TcpExtTCPDSACKRecv"), h.name());
            assertEquals(1, h.counter("TcpExtTCPLossUndo"), h.name() + ": the D-SACK showed the SYN retransmission spurious");
        }
        // the D-SACK goes out once: later ACKs carry no SACK block
        sa.send("x");
        net.run(100 * MS);
        List<Wire.Seg> later = Wire.segments(link).stream()
                .filter(s -> s.src().equals("192.0.2.2") && (s.tcp().flags() & TcpFlags.SYN) == 0).toList();
        assertTrue(later.size() >= 2);
        assertEquals(List.of(), later.get(later.size() - 1).tcp().options().sackBlocks());
    }

    private record Conn(Network net, Host client, Host server, Link link, Socket cs, Socket ss) {}

    private static Conn connected(boolean serverSack) {
        Network net = new Network(3);
        Host client = net.host("client");
        Host server = net.host("server");
        if (!serverSack) {
            server.sysctl("net.ipv4.tcp_sack", 0);
        }
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(5 * MS);
        Socket ls = server.socket();
        ls.bind(Ipv4Address.parse("192.0.2.2"), 80);
        ls.listen(8);
        Socket cs = client.socket();
        cs.connect(Ipv4Address.parse("192.0.2.2"), 80);
        Socket[] child = new Socket[1];
        ls.accept().onDone(c -> child[0] = c.value());
        net.run(100 * MS);
        return new Conn(net, client, server, link, cs, child[0]);
    }

    /** The data's ACK is lost; the RTO resends the data; the receiver answers with a D-SACK of it. */
    @Test
    void duplicateDataIsAnsweredWithDsack() {
        Conn c = connected(true);
        boolean[] dropped = new boolean[1];
        int dataEnd = c.cs.sock().sndNxt() + 10;
        c.server.ip().netfilter().dropOutput("first data ACK", (ip, t) -> {
            if (!dropped[0] && t.flags() == TcpFlags.ACK && t.ack() == dataEnd) {
                dropped[0] = true;
                return true;
            }
            return false;
        });
        int start = c.cs.sock().sndNxt();
        c.cs.send("0123456789");
        c.net.run(2000 * MS);
        assertTrue(dropped[0]);
        assertEquals("0123456789", new String(c.ss.received()));
        List<Wire.Seg> dsacks = Wire.segments(c.link).stream()
                .filter(s -> s.src().equals("192.0.2.2") && !s.tcp().options().sackBlocks().isEmpty()).toList();
        assertEquals(1, dsacks.size(), "exactly one ACK carries the D-SACK");
        assertEquals(List.of(new SackBlock(start, start + 10)), dsacks.get(0).tcp().options().sackBlocks());
        assertEquals(start + 10, dsacks.get(0).tcp().ack());
        assertEquals(1, c.server.counter("TcpExtTCPDSACKOldSent"));
        assertEquals(1, c.server.counter("TcpExtDelayedACKLost"));
        assertEquals(1, c.client.counter("TcpExtTCPDSACKRecv"));
        // the D-SACKed range is not below the sender's snd_una: tcp_check_dsack does not undo
        assertEquals(0, c.client.counter("TcpExtTCPLossUndo"));
    }

    /**
     * tcp_validate_incoming → tcp_send_dupack: a copy of data already ACKed twice lies below
     * rcv_wup (out of window); the duplicate ACK carries the D-SACK.
     */
    @Test
    void oldCopyBelowRcvWupGetsDupackWithDsack() {
        Conn c = connected(true);
        c.cs.setsockopt(dev.tcplab.stack.socket.SockOpt.TCP_NODELAY, 1);
        int start = c.cs.sock().sndNxt();
        c.cs.send("aaaa");
        c.net.run(50 * MS);
        c.cs.send("bbbb");
        c.net.run(50 * MS);
        TcpSock cl = c.cs.sock();
        long t = c.net.now();
        c.client.inject(new dev.tcplab.stack.wire.Ipv4Repr(Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"),
                        dev.tcplab.stack.wire.IpProtocol.TCP, 64, 0, 1, false, 0),
                new dev.tcplab.stack.wire.TcpRepr(cl.sport, 80, start, cl.rcvNxt(), TcpFlags.ACK | TcpFlags.PSH, 502, 0,
                        dev.tcplab.stack.wire.TcpOptions.established(true, c.client.tcp().output.tsval(cl), cl.tsRecent, List.of()),
                        "aaaa".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        c.net.run(20 * MS);
        List<Wire.Seg> out = Wire.segments(c.link).stream().filter(s -> s.timeNanos() > t && s.src().equals("192.0.2.2")).toList();
        assertEquals(1, out.size());
        assertEquals(List.of(new SackBlock(start, start + 4)), out.get(0).tcp().options().sackBlocks());
        assertEquals(start + 8, out.get(0).tcp().ack());
        assertEquals(1, c.server.counter("TcpExtTCPDSACKOldSent"));
        assertEquals(1, c.server.counter("TcpExtDelayedACKLost"));
        assertEquals("aaaabbbb", new String(c.ss.received()));
    }

    @Test
    void noDsackWithoutSack() {
        Conn c = connected(false);
        boolean[] dropped = new boolean[1];
        int dataEnd = c.cs.sock().sndNxt() + 10;
        c.server.ip().netfilter().dropOutput("first data ACK", (ip, t) -> {
            if (!dropped[0] && t.flags() == TcpFlags.ACK && t.ack() == dataEnd) {
                dropped[0] = true;
                return true;
            }
            return false;
        });
        c.cs.send("0123456789");
        c.net.run(2000 * MS);
        assertTrue(dropped[0]);
        assertTrue(Wire.segments(c.link).stream().allMatch(s -> s.tcp().options().sackBlocks().isEmpty()));
        assertEquals(0, c.server.counter("TcpExtTCPDSACKOldSent"));
        assertEquals(1, c.server.counter("TcpExtDelayedACKLost"), "the duplicate is still counted");
    }
}
