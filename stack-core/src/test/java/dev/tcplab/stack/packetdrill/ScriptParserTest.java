package dev.tcplab.stack.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    private static Script parse(String text) {
        return ScriptParser.parse("t.pkt", text);
    }

    @Test
    void timesAbsoluteRelativeAnyAndRanges() {
        Script s = parse("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +.1 close(3) = 0
                * close(3) = -1 EBADF (Bad file descriptor)
                0.5~0.75 close(3) = -1
                +0~+.04 close(3) = -1
                +0...0.200 close(3) = -1
                """);
        List<Event> e = s.events();
        assertEquals(new TimeSpec(TimeSpec.Type.ABSOLUTE, 0, 0), e.get(0).time());
        assertEquals(new TimeSpec(TimeSpec.Type.RELATIVE, 100_000, 100_000), e.get(1).time());
        assertEquals(TimeSpec.Type.ANY, e.get(2).time().type());
        assertEquals(new TimeSpec(TimeSpec.Type.ABSOLUTE_RANGE, 500_000, 750_000), e.get(3).time());
        assertEquals(new TimeSpec(TimeSpec.Type.RELATIVE_RANGE, 0, 40_000), e.get(4).time());
        assertEquals(200_000, ((Event.Syscall) e.get(5)).endUsecs());
        assertEquals("EBADF", ((Event.Syscall) e.get(2)).errno());
        assertEquals(new Expr.Int(-1), ((Event.Syscall) e.get(2)).result());
        assertEquals(6, e.get(5).line());
    }

    @Test
    void packetsWithFlagsSeqAckWindowAndOptions() {
        Script s = parse("""
                0 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7>
                +0 > S. 0:0(0) ack 1 <...>
                +0 < . 1:1001(1000) ack 1 win 257 <nop,nop,sack 1:2 3:4>
                +0 < - 1:1(0) win 1
                +0 > [ect0] FP. 1:2(1) ack 1 urg 3 <eol,nop,nop,nop>
                """);
        PacketSpec syn = ((Event.Packet) s.events().get(0)).packet();
        assertTrue(syn.inbound());
        assertEquals(TcpFlags.SYN, syn.flags());
        assertEquals(32792, syn.window());
        assertEquals("mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7",
                String.join(",", syn.options().stream().map(Object::toString).toList()));
        PacketSpec synAck = ((Event.Packet) s.events().get(1)).packet();
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, synAck.flags());
        assertTrue(synAck.optionsUnchecked());
        assertEquals(-1, synAck.window());
        PacketSpec data = ((Event.Packet) s.events().get(2)).packet();
        assertEquals(1000, data.payloadLength());
        assertEquals(1001, data.seqEnd());
        assertEquals(4, data.option(TcpOptionSpec.SACK).sack().length);
        assertEquals(0, ((Event.Packet) s.events().get(3)).packet().flags());
        PacketSpec fin = ((Event.Packet) s.events().get(4)).packet();
        assertEquals("ect0", fin.ecn());
        assertEquals(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.ACK, fin.flags());
        assertEquals(3, fin.urgent());
        assertEquals("FP. 1:2(1) ack 1 <eol,nop,nop,nop>", fin.toString());
    }

    @Test
    void optionsInitCommandStructsAndCleanup() {
        Script s = parse("""
                --tolerance_usecs=10000
                --tcp_ts_tick_usecs=1000 // a comment
                `../common/defaults.sh
                 sysctl -q net.ipv4.tcp_timestamps=0`
                /* a block
                   comment */
                0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0
                +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
                `/tmp/sysctl_restore_${PPID}.sh`
                """);
        assertEquals("10000", s.options().get("tolerance_usecs"));
        assertEquals("1000", s.options().get("tcp_ts_tick_usecs"));
        assertTrue(s.initCommand().contains("sysctl -q net.ipv4.tcp_timestamps=0"));
        assertEquals(3, s.initLine());
        Event.Syscall so = (Event.Syscall) s.events().get(0);
        assertEquals(7, so.line());
        assertEquals("{onoff=1, linger=0}", so.args().get(3).toString());
        Event.Syscall fc = (Event.Syscall) s.events().get(1);
        assertTrue(fc.args().get(2) instanceof Expr.Or);
        assertEquals(2, s.events().size());
    }

    @Test
    void errorsCarryFileAndLine() {
        PacketdrillException e = assertThrows(PacketdrillException.class, () -> parse("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 < S 0:5(0) win 1
                """));
        assertEquals(PacketdrillException.Kind.PARSE, e.kind());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("t.pkt:2: parse error: sequence range 0:5 does not match length 0"),
                e.getMessage());

        e = assertThrows(PacketdrillException.class, () -> parse("0 close(3 = 0\n"));
        assertEquals(1, e.line());
        assertEquals(PacketdrillException.Kind.PARSE, e.kind());

        e = assertThrows(PacketdrillException.class, () -> parse("\n\n0 < S 0:0(0) win 1 <mss 1460,FO 1234abcd>\n"));
        assertEquals(PacketdrillException.Kind.UNSUPPORTED, e.kind());
        assertEquals("t.pkt:3: unsupported: TCP Fast Open option FO (the model has no TFO)", e.getMessage());

        e = assertThrows(PacketdrillException.class, () -> parse("0 < udp (1000)\n"));
        assertEquals(PacketdrillException.Kind.UNSUPPORTED, e.kind());

        e = assertThrows(PacketdrillException.class, () -> parse("0 < S 0:0(0) win 1 <mss 1460,"
                + "sack 1:2 3:4 5:6 7:8,TS val 1 ecr 2>\n"));
        assertTrue(e.getMessage().contains("at most 40 fit"), e.getMessage());

        e = assertThrows(PacketdrillException.class, () -> parse("0 close(3) = 0 \u00a7\n"));
        assertEquals(PacketdrillException.Kind.PARSE, e.kind());
    }
}
