package dev.tcplab.stack.wire;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The layouts tcp_options_write produces, and tcpdump's spelling of them. */
class TcpOptionsTest {
    private static String hex(TcpOptions o) {
        byte[] b = new byte[o.length()];
        o.emit(b, 0);
        return HexFormat.of().formatHex(b);
    }

    private static TcpOptions parse(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return TcpOptions.parse(b, 0, b.length);
    }

    @Test
    void linuxSynLayout() {
        TcpOptions syn = TcpOptions.syn(1460, true, true, 300756224, 0, 10);
        assertEquals("020405b40402080a11ed2d00000000000103030a", hex(syn));
        assertEquals(List.of(2, 4, 8, 1, 3), syn.kinds());
        assertEquals("mss 1460,sackOK,TS val 300756224 ecr 0,nop,wscale 10", syn.tcpdump());
        assertEquals(syn, parse(hex(syn)));
    }

    @Test
    void timestampsWithoutSackAndSackWithoutTimestamps() {
        TcpOptions tsOnly = TcpOptions.syn(1460, false, true, 1, 2, 7);
        assertEquals("020405b40101080a00000001000000020103030" + "7", hex(tsOnly));
        assertEquals("mss 1460,nop,nop,TS val 1 ecr 2,nop,wscale 7", tsOnly.tcpdump());
        TcpOptions sackOnly = TcpOptions.syn(536, true, false, 0, 0, -1);
        assertEquals("020402180101040" + "2", hex(sackOnly));
        assertEquals("mss 536,nop,nop,sackOK", sackOnly.tcpdump());
        assertEquals(sackOnly, parse(hex(sackOnly)));
        TcpOptions bare = TcpOptions.syn(-1, false, false, 0, 0, -1);
        assertEquals(0, bare.length());
        assertEquals("", bare.tcpdump());
    }

    @Test
    void establishedWithTimestampsAndSackBlocks() {
        TcpOptions ts = TcpOptions.established(true, 300756224, 324233039, List.of());
        assertEquals("0101080a11ed2d001353674f", hex(ts));
        assertEquals("nop,nop,TS val 300756224 ecr 324233039", ts.tcpdump());

        TcpOptions sack = TcpOptions.established(true, 5, 6, List.of(new SackBlock(100, 200), new SackBlock(-10, -1)));
        assertEquals("0101080a0000000500000006" + "01010512" + "00000064000000c8" + "fffffff6ffffffff", hex(sack));
        assertEquals("nop,nop,TS val 5 ecr 6,nop,nop,sack 2 {100:200}{4294967286:4294967295}", sack.tcpdump());
        TcpOptions back = parse(hex(sack));
        assertEquals(sack, back);
        assertNull(back.raw());
    }

    @Test
    void sackBlocksAreCutToTheOptionSpace() {
        List<SackBlock> five = List.of(new SackBlock(1, 2), new SackBlock(3, 4), new SackBlock(5, 6),
                new SackBlock(7, 8), new SackBlock(9, 10));
        assertEquals(40, TcpOptions.established(true, 0, 0, five).length()); // 12 + 4 + 3*8
        assertEquals(36, TcpOptions.established(false, 0, 0, five).length()); // 4 + 4*8
        assertEquals(List.of(1, 1, 5), TcpOptions.established(false, 0, 0, five).kinds());
    }

    @Test
    void rawIsEmittedVerbatimAndPadded() {
        TcpOptions raw = new TcpOptions(-1, -1, false, false, 0, 0, List.of(), List.of(), new byte[] {1, 3, 3, 14, 1});
        assertEquals(8, raw.length());
        assertEquals("0103030e01000000", hex(raw));
        assertEquals("nop,wscale 14,nop", raw.tcpdump());
        assertThrows(IllegalArgumentException.class,
                () -> new TcpOptions(-1, -1, false, false, 0, 0, List.of(), List.of(), new byte[41]));
    }

    @Test
    void wrongSizesAreSkippedLikeLinux() {
        TcpOptions o = parse("020305" + "0304020a" + "080600000000"); // mss len 3, wscale len 4, TS len 6
        assertEquals(-1, o.mss());
        assertEquals(-1, o.windowScale());
        assertEquals(List.of(2, 3, 8), o.kinds());
        assertEquals("mss [bad opt],wscale [bad opt],TS [bad opt]", o.tcpdump());
    }

    @Test
    void eolEndsParsing() {
        TcpOptions o = parse("0000020405b4");
        assertEquals(List.of(0), o.kinds());
        assertEquals(-1, o.mss());
        assertEquals("eol", o.tcpdump());
    }
}
