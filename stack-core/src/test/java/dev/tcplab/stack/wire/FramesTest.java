package dev.tcplab.stack.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Building frames the way Linux does, and reading them back. */
class FramesTest {
    private static final MacAddress A = MalformedInputTest.CLIENT_MAC;
    private static final MacAddress B = MalformedInputTest.SERVER_MAC;
    private static final Ipv4Address CLIENT = MalformedInputTest.CLIENT;
    private static final Ipv4Address SERVER = MalformedInputTest.SERVER;

    @Test
    void rstReplyLooksLikeTcpV4SendReset() {
        // tcp_v4_send_reset: 20-byte header, no options, IP id 0, DF, TTL 64 (b_rst_closed_port row 2)
        TcpRepr rst = new TcpRepr(5001, 39542, 0, (int) 2169868846L, TcpFlags.RST | TcpFlags.ACK, 0, 0, TcpOptions.NONE, null);
        Ipv4Repr ip = new Ipv4Repr(SERVER, CLIENT, IpProtocol.TCP, 64, 0, 0, true, 0);
        byte[] frame = Frames.tcp(B, A, ip, rst);
        assertEquals(54, frame.length);
        DecodedFrame d = Frames.decode(frame);
        assertEquals(WireError.OK, d.error());
        assertEquals(40, d.ip().totalLength());
        assertEquals(rst, d.tcp());
        assertEquals("192.0.2.2.5001 > 192.0.2.1.39542: Flags [R.], seq 0, ack 2169868846, win 0, length 0", d.summary());
    }

    @Test
    void dataSegmentSummaryAndRoundTrip() {
        TcpRepr data = new TcpRepr(43422, 5000, 101, 201, TcpFlags.PSH | TcpFlags.ACK, 63, 0,
                TcpOptions.established(true, 9, 8, List.of()), "hello\n".getBytes());
        byte[] frame = Frames.tcp(A, B, new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 7, true, 0), data);
        DecodedFrame d = Frames.decode(frame);
        assertEquals(WireError.OK, d.error());
        assertEquals(data, d.tcp());
        assertEquals(6, d.ip().payloadLength() - d.tcp().headerLength());
        assertEquals("192.0.2.1.43422 > 192.0.2.2.5000: Flags [P.], seq 101:107, ack 201, win 63, "
                + "options [nop,nop,TS val 9 ecr 8], length 6", d.summary());
        assertEquals(6, data.segmentLength());
    }

    @Test
    void arpRoundTripAndSummary() {
        ArpRepr request = new ArpRepr(ArpRepr.REQUEST, A, CLIENT, MacAddress.ZERO, SERVER);
        DecodedFrame d = Frames.decode(Frames.arp(A, MacAddress.BROADCAST, request));
        assertEquals(WireError.OK, d.error());
        assertEquals(request, d.arp());
        assertEquals(EtherType.ARP, d.ethernet().etherType());
        assertEquals("ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28", d.summary());
        ArpRepr reply = new ArpRepr(ArpRepr.REPLY, B, SERVER, A, CLIENT);
        assertEquals("ARP, Reply 192.0.2.2 is-at 02:00:00:00:00:02, length 28",
                Frames.decode(Frames.arp(B, A, reply)).summary());
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        // ip_rcv_core trims to the IP total length: a 60-byte padded frame carries a 40-byte packet
        TcpRepr ack = new TcpRepr(1, 2, 3, 4, TcpFlags.ACK, 5, 0, TcpOptions.NONE, null);
        byte[] frame = Frames.tcp(A, B, new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 0, true, 0), ack);
        byte[] padded = java.util.Arrays.copyOf(frame, 60);
        DecodedFrame d = Frames.decode(padded);
        assertEquals(WireError.OK, d.error());
        assertEquals(ack, d.tcp());
    }

    @Test
    void otherProtocolsAndFragmentsDecodeWithoutTcp() {
        TcpRepr seg = new TcpRepr(1, 2, 3, 4, TcpFlags.ACK, 5, 0, TcpOptions.NONE, null);
        byte[] udp = Frames.tcp(A, B, new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 0, false, 0), seg);
        udp[14 + 9] = IpProtocol.UDP;
        MalformedInputTest.fixIpChecksum(udp);
        DecodedFrame d = Frames.decode(udp);
        assertEquals(WireError.OK, d.error());
        assertEquals(null, d.tcp());
        assertEquals("192.0.2.1 > 192.0.2.2: ip-proto-17 20", d.summary());

        byte[] frag = Frames.tcp(A, B, new Ipv4Repr(CLIENT, SERVER, IpProtocol.TCP, 64, 0, 0, false, 0), seg);
        frag[14 + 6] = 0x20; // MF
        MalformedInputTest.fixIpChecksum(frag);
        DecodedFrame f = Frames.decode(frag);
        assertEquals(WireError.OK, f.error());
        assertEquals(null, f.tcp());
        assertEquals("192.0.2.1 > 192.0.2.2: tcp fragment, length 20", f.summary());
    }
}
