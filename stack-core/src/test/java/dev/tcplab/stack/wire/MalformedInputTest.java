package dev.tcplab.stack.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One malformed frame per WireError: the view of the refusing layer names it exactly, nothing throws. */
class MalformedInputTest {
    static final MacAddress CLIENT_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress SERVER_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    static final int ETH = EthernetFrame.HEADER_LEN;
    static final int TCP_AT = ETH + Ipv4Repr.HEADER_LEN;

    enum Layer { ETHERNET, IPV4, TCP, ARP }

    /** A SYN with Linux's options and 4 payload bytes (so a payload flip breaks only the TCP checksum). */
    static byte[] goodSyn() {
        TcpRepr tcp = new TcpRepr(43422, 5000, 1000, 0, TcpFlags.SYN, 64240, 0,
                TcpOptions.syn(1460, true, true, 7, 0, 10), new byte[] {1, 2, 3, 4});
        Ipv4Repr ip = new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 1, true, 0);
        return Frames.tcp(CLIENT_MAC, SERVER_MAC, ip, tcp);
    }

    /** Ethernet + a valid 20-byte IPv4 header (checksum right) around arbitrary TCP bytes. */
    static byte[] withTcpBytes(byte[] segment) {
        byte[] frame = new byte[TCP_AT + segment.length];
        new EthernetRepr(CLIENT_MAC, SERVER_MAC, EtherType.IPV4).emit(frame, 0);
        new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 1, true, segment.length).emit(frame, ETH);
        System.arraycopy(segment, 0, frame, TCP_AT, segment.length);
        return frame;
    }

    /** A 20-byte TCP header plus options with a correct checksum. */
    static byte[] withOptions(byte[] options) {
        byte[] seg = new byte[20 + options.length];
        seg[12] = (byte) ((seg.length / 4) << 4);
        seg[13] = TcpFlags.SYN;
        System.arraycopy(options, 0, seg, 20, options.length);
        byte[] frame = withTcpBytes(seg);
        fixTcpChecksum(frame);
        return frame;
    }

    static void fixTcpChecksum(byte[] frame) {
        int len = frame.length - TCP_AT;
        frame[TCP_AT + 16] = 0;
        frame[TCP_AT + 17] = 0;
        int sum = Checksum.sum(frame, TCP_AT, len, Checksum.pseudoHeader(CLIENT, SERVER, IpProtocol.TCP, len));
        int cs = ~sum & 0xffff;
        frame[TCP_AT + 16] = (byte) (cs >>> 8);
        frame[TCP_AT + 17] = (byte) cs;
    }

    static void fixIpChecksum(byte[] frame) {
        int ihl = (frame[ETH] & 0x0f) * 4;
        frame[ETH + 10] = 0;
        frame[ETH + 11] = 0;
        int cs = Checksum.compute(frame, ETH, ihl);
        frame[ETH + 10] = (byte) (cs >>> 8);
        frame[ETH + 11] = (byte) cs;
    }

    static byte[] edit(byte[] frame, Function<byte[], byte[]> change) {
        return change.apply(frame.clone());
    }

    static Stream<Arguments> cases() {
        byte[] syn = goodSyn();
        return Stream.of(
                Arguments.of("empty frame", new byte[0], Layer.ETHERNET, WireError.TRUNCATED, WireError.TRUNCATED),
                Arguments.of("truncated ethernet", Arrays.copyOf(syn, 13), Layer.ETHERNET, WireError.TRUNCATED, WireError.TRUNCATED),
                Arguments.of("IPv4 under 20 bytes", Arrays.copyOf(syn, ETH + 19), Layer.IPV4, WireError.TRUNCATED, WireError.TRUNCATED),
                Arguments.of("bad IP version", edit(syn, f -> { f[ETH] = 0x65; fixIpChecksum(f); return f; }),
                        Layer.IPV4, WireError.BAD_VERSION, WireError.BAD_VERSION),
                Arguments.of("ihl < 5", edit(syn, f -> { f[ETH] = 0x44; return f; }),
                        Layer.IPV4, WireError.BAD_HEADER_LENGTH, WireError.BAD_HEADER_LENGTH),
                Arguments.of("ihl beyond the bytes", Arrays.copyOf(edit(syn, f -> { f[ETH] = 0x4f; return f; }), ETH + 40),
                        Layer.IPV4, WireError.BAD_HEADER_LENGTH, WireError.BAD_HEADER_LENGTH),
                Arguments.of("bad IP header checksum", edit(syn, f -> { f[ETH + 8]--; return f; }),
                        Layer.IPV4, WireError.BAD_CHECKSUM, WireError.BAD_CHECKSUM),
                Arguments.of("total length beyond the bytes (truncated packet)", Arrays.copyOf(syn, syn.length - 1),
                        Layer.IPV4, WireError.TRUNCATED_PACKET, WireError.TRUNCATED_PACKET),
                Arguments.of("total length < ihl*4", edit(syn, f -> { f[ETH + 2] = 0; f[ETH + 3] = 19; fixIpChecksum(f); return f; }),
                        Layer.IPV4, WireError.BAD_TOTAL_LENGTH, WireError.BAD_TOTAL_LENGTH),
                Arguments.of("TCP under 20 bytes", withTcpBytes(new byte[19]), Layer.TCP, WireError.TRUNCATED, WireError.TRUNCATED),
                Arguments.of("doff < 5", edit(syn, f -> { f[TCP_AT + 12] = 0x40; return f; }),
                        Layer.TCP, WireError.BAD_DATA_OFFSET, WireError.BAD_DATA_OFFSET),
                Arguments.of("doff beyond the segment", withTcpBytes(edit(new byte[20], s -> { s[12] = (byte) 0xf0; return s; })),
                        Layer.TCP, WireError.OPTIONS_TRUNCATED, WireError.OPTIONS_TRUNCATED),
                Arguments.of("bad TCP checksum", edit(syn, f -> { f[f.length - 1] ^= 0x55; return f; }),
                        Layer.TCP, WireError.OK, WireError.BAD_CHECKSUM),
                // tcp_parse_options stops silently: the segment itself is fine
                Arguments.of("option running past the end", withOptions(new byte[] {2, 4, 5, (byte) 0xb4, 8, 10, 0, 0}),
                        Layer.TCP, WireError.OK, WireError.OK),
                Arguments.of("zero-length option", withOptions(new byte[] {2, 4, 5, (byte) 0xb4, 3, 0, 1, 1}),
                        Layer.TCP, WireError.OK, WireError.OK),
                Arguments.of("ARP not Ethernet/IPv4", edit(arpRequest(), f -> { f[ETH + 1] = 6; return f; }),
                        Layer.ARP, WireError.UNSUPPORTED, WireError.UNSUPPORTED),
                Arguments.of("good SYN", syn, Layer.TCP, WireError.OK, WireError.OK));
    }

    static byte[] arpRequest() {
        return Frames.arp(CLIENT_MAC, MacAddress.BROADCAST,
                new ArpRepr(ArpRepr.REQUEST, CLIENT_MAC, CLIENT, MacAddress.ZERO, SERVER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void viewOfTheRefusingLayerNamesTheError(String name, byte[] frame, Layer layer, WireError viewError, WireError decodeError) {
        assertEquals(viewError, layerCheck(frame, layer), name + ": view check()");
        DecodedFrame decoded = Frames.decode(frame);
        assertEquals(decodeError, decoded.error(), name + ": decode error");
        String summary = decoded.summary();
        assertNotNull(summary);
        if (decodeError != WireError.OK && decodeError != WireError.BAD_CHECKSUM) {
            assertTrue(summary.contains(decodeError.name()), name + ": " + summary);
        }
    }

    @Test
    void tableCoversEveryWireError() {
        Set<WireError> covered = cases().map(a -> (WireError) a.get()[3]).collect(Collectors.toCollection(() -> EnumSet.noneOf(WireError.class)));
        covered.addAll(cases().map(a -> (WireError) a.get()[4]).toList());
        assertEquals(EnumSet.allOf(WireError.class), covered);
    }

    static WireError layerCheck(byte[] frame, Layer layer) {
        EthernetFrame eth = EthernetFrame.wrap(frame);
        if (layer == Layer.ETHERNET) {
            return eth.check();
        }
        assertEquals(WireError.OK, eth.check());
        if (layer == Layer.ARP) {
            return ArpRepr.parse(frame, ETH, frame.length - ETH) == null ? WireError.UNSUPPORTED : WireError.OK;
        }
        Ipv4Packet ip = Ipv4Packet.wrap(frame, ETH, frame.length - ETH);
        if (layer == Layer.IPV4) {
            return ip.check();
        }
        assertEquals(WireError.OK, ip.check());
        return TcpPacket.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check();
    }

    @Test
    void badTcpChecksumStillFillsInTheRepr() {
        byte[] frame = goodSyn();
        frame[frame.length - 1] ^= 0x55;
        DecodedFrame d = Frames.decode(frame);
        assertEquals(WireError.BAD_CHECKSUM, d.error());
        assertNotNull(d.tcp());
        assertEquals(1000, d.tcp().seq());
        assertTrue(d.summary().endsWith("[bad tcp cksum]"), d.summary());
        Ipv4Packet ip = Ipv4Packet.wrap(frame, ETH, frame.length - ETH);
        assertFalse(TcpPacket.wrap(frame, ip.payloadOffset(), ip.payloadLength()).verifyChecksum(CLIENT, SERVER));
    }

    @Test
    void badIpChecksumFillsInIpButNotTcp() {
        byte[] frame = goodSyn();
        frame[ETH + 8]--;
        DecodedFrame d = Frames.decode(frame);
        assertEquals(WireError.BAD_CHECKSUM, d.error());
        assertNotNull(d.ip());
        assertEquals(63, d.ip().ttl());
        assertNull(d.tcp());
        assertTrue(d.summary().contains("[bad ip cksum]"), d.summary());
    }

    @Test
    void optionRunningPastTheEndKeepsWhatCameBefore() {
        TcpOptions o = Frames.decode(withOptions(new byte[] {2, 4, 5, (byte) 0xb4, 8, 10, 0, 0})).tcp().options();
        assertEquals(1460, o.mss());
        assertFalse(o.timestamps());
        assertEquals(List.of(TcpOptionKind.MSS), o.kinds());
        assertEquals("mss 1460", o.tcpdump());
    }

    @Test
    void zeroLengthOptionStopsParsing() {
        TcpOptions o = Frames.decode(withOptions(new byte[] {2, 4, 5, (byte) 0xb4, 3, 0, 1, 1})).tcp().options();
        assertEquals(1460, o.mss());
        assertEquals(-1, o.windowScale());
        assertEquals(List.of(TcpOptionKind.MSS), o.kinds());
    }

    @Test
    void nonCanonicalOptionsAreKeptRawAndReEmittedExactly() {
        byte[] options = {1, 1, 1, 2, 4, 5, (byte) 0xb4, 0}; // nop,nop,nop,mss,eol
        byte[] frame = withOptions(options);
        DecodedFrame d = Frames.decode(frame);
        assertEquals(WireError.OK, d.error());
        TcpOptions o = d.tcp().options();
        assertEquals(List.of(1, 1, 1, 2, 0), o.kinds());
        assertEquals("nop,nop,nop,mss 1460,eol", o.tcpdump());
        assertNotNull(o.raw());
        byte[] rebuilt = Frames.tcp(d.ethernet().src(), d.ethernet().dst(), d.ip(), d.tcp());
        assertEquals(Arrays.toString(frame), Arrays.toString(rebuilt));
    }

    @Test
    void unknownKindsAreSkippedByLengthAndRecorded() {
        TcpOptions o = TcpOptions.parse(new byte[] {(byte) 254, 4, 9, 9, 3, 3, 7, 0}, 0, 8);
        assertEquals(List.of(254, 3, 0), o.kinds());
        assertEquals(7, o.windowScale());
    }

    @Test
    void viewsRefuseRegionsOutsideTheBufferWithoutThrowing() {
        byte[] frame = goodSyn();
        int[][] regions = {{-1, 10}, {0, -1}, {5, Integer.MAX_VALUE}, {Integer.MAX_VALUE, Integer.MAX_VALUE},
                {frame.length, 0}, {frame.length - 3, 20}, {Integer.MIN_VALUE, 40}, {frame.length + 1, 0}};
        for (int[] r : regions) {
            String where = "region " + Arrays.toString(r);
            assertEquals(WireError.TRUNCATED, EthernetFrame.wrap(frame, r[0], r[1]).check(), where);
            assertEquals(WireError.TRUNCATED, Ipv4Packet.wrap(frame, r[0], r[1]).check(), where);
            assertFalse(Ipv4Packet.wrap(frame, r[0], r[1]).verifyChecksum(), where);
            assertEquals(WireError.TRUNCATED, TcpPacket.wrap(frame, r[0], r[1]).check(), where);
            assertFalse(TcpPacket.wrap(frame, r[0], r[1]).verifyChecksum(CLIENT, SERVER), where);
            assertEquals(TcpOptions.NONE, TcpOptions.parse(frame, r[0], r[1]), where);
            assertNull(ArpRepr.parse(frame, r[0], r[1]), where);
        }
        assertEquals(WireError.TRUNCATED, EthernetFrame.wrap(null).check());
        assertEquals(WireError.TRUNCATED, Frames.decode(null).error());
    }
}
