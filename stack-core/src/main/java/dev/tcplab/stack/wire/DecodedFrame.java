package dev.tcplab.stack.wire;

/**
 * What {@link Frames#decode} could read. Fields are null past the first error; {@code error}
 * says which layer refused and why (OK when all layers parsed and every checksum was right;
 * a bad checksum still fills in the layer's repr).
 */
public record DecodedFrame(EthernetRepr ethernet, ArpRepr arp, Ipv4Repr ip, TcpRepr tcp, WireError error) {
    /**
     * One line in tcpdump -nn style, e.g. "192.0.2.1.43422 > 192.0.2.2.5000: Flags [S], seq 1, win 64240, options [...], length 0".
     * Sequence numbers are absolute (like tcpdump -S). A frame that did not decode says which
     * layer refused, e.g. "IP, BAD_VERSION"; a bad checksum is flagged "[bad ip cksum]" /
     * "[bad tcp cksum]".
     */
    public String summary() {
        if (ethernet == null) {
            return "ethernet, " + error;
        }
        if (ethernet.etherType() == EtherType.ARP) {
            return arpSummary();
        }
        if (ethernet.etherType() != EtherType.IPV4) {
            return String.format("ethertype 0x%04x", ethernet.etherType());
        }
        if (ip == null) {
            return "IP, " + error;
        }
        if (tcp != null) {
            return tcpSummary();
        }
        String hosts = ip.src() + " > " + ip.dst() + ": ";
        if (error == WireError.BAD_CHECKSUM) {
            return hosts + "[bad ip cksum], proto " + ip.protocol() + ", length " + ip.payloadLength();
        }
        if (ip.protocol() == IpProtocol.TCP) {
            return error == WireError.OK
                    ? hosts + "tcp fragment, length " + ip.payloadLength()
                    : hosts + "tcp, " + error;
        }
        if (ip.protocol() == IpProtocol.ICMP) {
            return hosts + "ICMP, length " + ip.payloadLength();
        }
        return hosts + "ip-proto-" + ip.protocol() + " " + ip.payloadLength();
    }

    private String arpSummary() {
        if (arp == null) {
            return "ARP, " + error;
        }
        return switch (arp.operation()) {
            case ArpRepr.REQUEST -> "ARP, Request who-has " + arp.targetIp() + " tell " + arp.senderIp() + ", length " + ArpRepr.LEN;
            case ArpRepr.REPLY -> "ARP, Reply " + arp.senderIp() + " is-at " + arp.senderMac() + ", length " + ArpRepr.LEN;
            default -> "ARP, op " + arp.operation() + ", length " + ArpRepr.LEN;
        };
    }

    /** print-tcp.c tcp_print, without -v: flags, seq[:end], ack, win, urg, options, length. */
    private String tcpSummary() {
        StringBuilder sb = new StringBuilder(128);
        sb.append(ip.src()).append('.').append(tcp.srcPort()).append(" > ")
                .append(ip.dst()).append('.').append(tcp.dstPort()).append(": ")
                .append("Flags [").append(TcpFlags.tcpdump(tcp.flags())).append(']');
        int length = tcp.payload().length;
        if (length > 0 || tcp.has(TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) {
            sb.append(", seq ").append(Integer.toUnsignedString(tcp.seq()));
            if (length > 0) {
                sb.append(':').append(Integer.toUnsignedString(tcp.seq() + length));
            }
        }
        if (tcp.has(TcpFlags.ACK)) {
            sb.append(", ack ").append(Integer.toUnsignedString(tcp.ack()));
        }
        sb.append(", win ").append(tcp.window());
        if (tcp.has(TcpFlags.URG)) {
            sb.append(", urg ").append(tcp.urgent());
        }
        String options = tcp.options().tcpdump();
        if (!options.isEmpty()) {
            sb.append(", options [").append(options).append(']');
        }
        sb.append(", length ").append(length);
        if (error == WireError.BAD_CHECKSUM) {
            sb.append(" [bad tcp cksum]");
        }
        return sb.toString();
    }
}
