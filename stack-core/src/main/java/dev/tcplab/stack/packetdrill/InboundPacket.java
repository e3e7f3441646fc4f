package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.packetdrill.PacketdrillException.Kind;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.io.ByteArrayOutputStream;

/**
 * packetdrill's map_inbound_packet: a script's inbound packet as the frame the runner writes
 * into the host, on the socket under test's 4-tuple: seq as the script gives it, ACK and SACK
 * blocks shifted by the model's ISN, TS ecr mapped to the live TS val the script named, the
 * options in the script's order byte for byte, a payload of zeros.
 */
final class InboundPacket {
    private InboundPacket() {}

    static byte[] build(Executor x, Conn c, PacketSpec p) {
        int flags = p.flags();
        int seq = (int) (p.seqStart() + Conn.REMOTE_SEQ_OFFSET);
        int ack = (flags & TcpFlags.ACK) != 0 ? (int) (p.ack() - c.scriptLocalIsn + c.localIsn) : 0;
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        if (p.options() == null) {
            throw new PacketdrillException(Kind.PARSE, x.file, x.line, "inbound packet with <...> options: "
                    + "an inbound packet needs explicit options");
        }
        for (TcpOptionSpec o : p.options()) {
            switch (o.kind()) {
                case TcpOptionSpec.EOL, TcpOptionSpec.NOP -> opts.write(o.kind());
                case TcpOptionSpec.MSS -> {
                    opts.write(2);
                    opts.write(4);
                    put16(opts, o.a());
                }
                case TcpOptionSpec.WSCALE -> {
                    opts.write(3);
                    opts.write(3);
                    opts.write((int) o.a());
                }
                case TcpOptionSpec.SACK_PERM -> {
                    opts.write(4);
                    opts.write(2);
                }
                case TcpOptionSpec.SACK -> {
                    opts.write(5);
                    opts.write(o.length());
                    for (long v : o.sack()) {
                        put32(opts, v - c.scriptLocalIsn + c.localIsn);
                    }
                }
                case TcpOptionSpec.TS -> {
                    opts.write(8);
                    opts.write(10);
                    put32(opts, o.a());
                    put32(opts, (flags & TcpFlags.ACK) != 0 ? liveEcr(x, c, o.b()) : o.b());
                }
                default -> throw x.unsupported("inbound TCP option kind " + o.kind());
            }
        }
        byte[] raw = opts.toByteArray();
        TcpOptions options = raw.length == 0 ? TcpOptions.NONE : TcpOptions.parse(raw, 0, raw.length);
        int window = p.window();
        TcpRepr tcp = new TcpRepr(c.remotePort, c.localPort, seq, ack, flags, window, p.urgent(), options,
                new byte[p.payloadLength()]);
        Ipv4Repr ip = new Ipv4Repr(x.remoteIp, x.localIp, IpProtocol.TCP, 64, ecnBits(p.ecn()), 0, true, tcp.length());
        return Frames.tcp(TunDevice.PEER_MAC, TunDevice.HOST_MAC, ip, tcp);
    }

    /** map_inbound_packet: the script's TS ecr refers to an outbound TS val seen earlier. */
    private static long liveEcr(Executor x, Conn c, long scriptEcr) {
        Long live = c.tsValMap.get(scriptEcr);
        if (live != null) {
            return live;
        }
        if (x.tsEcrScaled() && c.foundFirstTs) {
            return scriptEcr - c.firstScriptTsVal + c.firstActualTsVal;
        }
        throw x.packetFailure("unable to infer live TS ecr for script TS ecr " + scriptEcr
                + ";  no matching or preceding outbound TS val");
    }

    private static int ecnBits(String ecn) {
        if (ecn == null) {
            return 0;
        }
        return switch (ecn) {
            case "ect0" -> 2;
            case "ect1" -> 1;
            case "ce" -> 3;
            default -> 0;
        };
    }

    private static void put16(ByteArrayOutputStream o, long v) {
        o.write((int) (v >> 8) & 0xff);
        o.write((int) v & 0xff);
    }

    private static void put32(ByteArrayOutputStream o, long v) {
        put16(o, v >> 16);
        put16(o, v);
    }

}
