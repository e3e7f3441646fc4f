package dev.tcplab.stack.wire;

/** Builds whole Ethernet frames from representations, and decodes them for traces and reports. */
public final class Frames {
    private Frames() {}

    /**
     * Ethernet + IPv4 (payloadLength taken from tcp) + TCP with both checksums right.
     * The IP protocol field is written as {@link IpProtocol#TCP} whatever ip.protocol() says.
     */
    public static byte[] tcp(MacAddress src, MacAddress dst, Ipv4Repr ip, TcpRepr tcp) {
        int tcpLen = tcp.length();
        Ipv4Repr header = new Ipv4Repr(ip.src(), ip.dst(), IpProtocol.TCP, ip.ttl(), ip.tos(), ip.ident(),
                ip.dontFragment(), tcpLen);
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + Ipv4Repr.HEADER_LEN + tcpLen];
        new EthernetRepr(src, dst, EtherType.IPV4).emit(frame, 0);
        header.emit(frame, EthernetFrame.HEADER_LEN);
        tcp.emit(frame, EthernetFrame.HEADER_LEN + Ipv4Repr.HEADER_LEN, ip.src(), ip.dst());
        return frame;
    }

    /** Ethernet + ARP, 42 bytes (no padding to 60: veth does not pad, and the captures show none). */
    public static byte[] arp(MacAddress src, MacAddress dst, ArpRepr arp) {
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + ArpRepr.LEN];
        new EthernetRepr(src, dst, EtherType.ARP).emit(frame, 0);
        arp.emit(frame, EthernetFrame.HEADER_LEN);
        return frame;
    }

    /**
     * Decodes as far as the bytes allow; never throws (a null frame is TRUNCATED).
     * An EtherType other than IPv4/ARP, an IP protocol other than TCP, or an IP fragment
     * decodes OK with the deeper layers null. A bad IP header checksum gives BAD_CHECKSUM with
     * ip filled in (when its lengths are sane) and tcp null; a bad TCP checksum gives
     * BAD_CHECKSUM with both filled in.
     */
    public static DecodedFrame decode(byte[] frame) {
        EthernetFrame eth = EthernetFrame.wrap(frame);
        WireError error = eth.check();
        if (error != WireError.OK) {
            return new DecodedFrame(null, null, null, null, error);
        }
        EthernetRepr ethernet = EthernetRepr.parse(eth);
        return switch (ethernet.etherType()) {
            case EtherType.ARP -> decodeArp(ethernet, eth);
            case EtherType.IPV4 -> decodeIpv4(ethernet, eth);
            default -> new DecodedFrame(ethernet, null, null, null, WireError.OK);
        };
    }

    private static DecodedFrame decodeArp(EthernetRepr ethernet, EthernetFrame eth) {
        ArpRepr arp = ArpRepr.parse(eth.buffer(), eth.payloadOffset(), eth.payloadLength());
        if (arp == null) {
            WireError why = eth.payloadLength() < ArpRepr.LEN ? WireError.TRUNCATED : WireError.UNSUPPORTED;
            return new DecodedFrame(ethernet, null, null, null, why);
        }
        return new DecodedFrame(ethernet, arp, null, null, WireError.OK);
    }

    private static DecodedFrame decodeIpv4(EthernetRepr ethernet, EthernetFrame eth) {
        byte[] buf = eth.buffer();
        Ipv4Packet packet = Ipv4Packet.wrap(buf, eth.payloadOffset(), eth.payloadLength());
        WireError error = packet.check();
        if (error == WireError.BAD_CHECKSUM) {
            Ipv4Repr ip = packet.checkTotalLength() == WireError.OK ? Ipv4Repr.parse(packet) : null;
            return new DecodedFrame(ethernet, null, ip, null, WireError.BAD_CHECKSUM);
        }
        if (error != WireError.OK) {
            return new DecodedFrame(ethernet, null, null, null, error);
        }
        Ipv4Repr ip = Ipv4Repr.parse(packet);
        if (ip.protocol() != IpProtocol.TCP || packet.isFragment()) {
            return new DecodedFrame(ethernet, null, ip, null, WireError.OK);
        }
        TcpPacket segment = TcpPacket.wrap(buf, packet.payloadOffset(), packet.payloadLength());
        error = segment.check();
        if (error != WireError.OK) {
            return new DecodedFrame(ethernet, null, ip, null, error);
        }
        TcpRepr tcp = TcpRepr.parse(segment);
        boolean good = segment.verifyChecksum(ip.src(), ip.dst());
        return new DecodedFrame(ethernet, null, ip, tcp, good ? WireError.OK : WireError.BAD_CHECKSUM);
    }
}
