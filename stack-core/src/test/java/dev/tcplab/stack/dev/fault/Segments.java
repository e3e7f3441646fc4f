package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.wire.ArpRepr;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.List;

/** Frames of a client (A, 192.0.2.1:40000) talking to a server (B, 192.0.2.2:80), built with Frames.tcp. */
final class Segments {
    static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address A = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address B = Ipv4Address.parse("192.0.2.2");
    static final int CLIENT_PORT = 40000;
    static final int SERVER_PORT = 80;

    private Segments() {}

    static byte[] fromA(int flags, int seq, int ack, int window, byte[] payload) {
        TcpRepr tcp = new TcpRepr(CLIENT_PORT, SERVER_PORT, seq, ack, flags, window, 0,
                (flags & TcpFlags.SYN) != 0 ? TcpOptions.syn(1460, true, true, 1, 0, 7)
                        : TcpOptions.established(true, 2, 1, List.of()), payload);
        return Frames.tcp(MAC_A, MAC_B, new Ipv4Repr(A, B, IpProtocol.TCP, 64, 0, 1, true, 0), tcp);
    }

    static byte[] fromB(int flags, int seq, int ack, int window, byte[] payload) {
        TcpRepr tcp = new TcpRepr(SERVER_PORT, CLIENT_PORT, seq, ack, flags, window, 0,
                (flags & TcpFlags.SYN) != 0 ? TcpOptions.syn(1460, true, true, 1, 1, 7)
                        : TcpOptions.established(true, 2, 1, List.of()), payload);
        return Frames.tcp(MAC_B, MAC_A, new Ipv4Repr(B, A, IpProtocol.TCP, 64, 0, 0, true, 0), tcp);
    }

    static byte[] syn() {
        return fromA(TcpFlags.SYN, 1000, 0, 64240, null);
    }

    static byte[] synAck() {
        return fromB(TcpFlags.SYN | TcpFlags.ACK, 5000, 1001, 65160, null);
    }

    static byte[] ack(int window) {
        return fromA(TcpFlags.ACK, 1001, 5001, window, null);
    }

    static byte[] data(int seq, String text) {
        return fromA(TcpFlags.PSH | TcpFlags.ACK, seq, 5001, 502, text.getBytes());
    }

    static byte[] arp() {
        return Frames.arp(MAC_A, MacAddress.BROADCAST, new ArpRepr(ArpRepr.REQUEST, MAC_A, A, MacAddress.ZERO, B));
    }
}
