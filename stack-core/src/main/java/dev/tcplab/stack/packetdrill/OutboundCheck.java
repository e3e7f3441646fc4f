package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.SackBlock;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptionKind;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;

/**
 * packetdrill's verify_outbound_live_packet: maps a packet the host sent into script space
 * (sequence numbers relative to the ISNs, TS val relative to the first one) and compares it
 * with the script's, field by field in packetdrill's order (IP length, data offset, flags,
 * seq, ack, window if given, urgent pointer, ECN if given), then the options kind by kind
 * (values compared; TS val only with --tcp_ts_tick_usecs; TS ecr not compared), the payload,
 * and the time. The message names the first field that differs, with both packets.
 */
final class OutboundCheck {
    private OutboundCheck() {}

    static void verify(Executor x, PacketSpec s, TunDevice.Captured got, TimeSpec time, long start, long end, long tol,
                       long offset) {
        TcpRepr a = got.frame().tcp();
        Ipv4Repr ip = got.frame().ip();
        Conn c = x.connForOutbound(a, s);
        long seq = (Integer.toUnsignedLong(a.seq()) - c.localIsn + c.scriptLocalIsn) & 0xffffffffL;
        long ack = a.has(TcpFlags.ACK) ? (Integer.toUnsignedLong(a.ack()) - Conn.REMOTE_SEQ_OFFSET) & 0xffffffffL
                : Integer.toUnsignedLong(a.ack());
        TcpOptions ao = a.options();
        TcpOptionSpec sts = s.option(TcpOptionSpec.TS);
        long tsVal = Integer.toUnsignedLong(ao.tsVal());
        if (sts != null && ao.timestamps()) {
            c.tsValMap.put(sts.a(), tsVal);
            if (!c.foundFirstTs) {
                c.foundFirstTs = true;
                c.firstScriptTsVal = sts.a();
                c.firstActualTsVal = tsVal;
            }
            tsVal = (c.firstScriptTsVal + (tsVal - c.firstActualTsVal)) & 0xffffffffL;
        }
        long actualUsecs = got.timeNs() / 1000;
        String dump = "\nscript packet: " + Executor.secs(start) + " " + s
                + "\nactual packet: " + Executor.secs(actualUsecs) + " " + render(a, seq, ack, tsVal);

        int scriptOptLen = s.optionsUnchecked() ? ao.length()
                : (s.options().stream().mapToInt(TcpOptionSpec::length).sum() + 3) & ~3;
        field(x, "ipv4_total_length", 40 + scriptOptLen + s.payloadLength(), ip.totalLength(), dump);
        field(x, "tcp_data_offset", (20 + scriptOptLen) / 4, a.headerLength() / 4, dump);
        String[] names = {"tcp_fin", "tcp_syn", "tcp_rst", "tcp_psh", "tcp_ack", "tcp_urg", "tcp_ece", "tcp_cwr"};
        int[] bits = {TcpFlags.FIN, TcpFlags.SYN, TcpFlags.RST, TcpFlags.PSH, TcpFlags.ACK, TcpFlags.URG, TcpFlags.ECE,
            TcpFlags.CWR};
        for (int i = 0; i < bits.length; i++) {
            field(x, names[i], (s.flags() & bits[i]) != 0 ? 1 : 0, a.has(bits[i]) ? 1 : 0, dump);
        }
        field(x, "tcp_seq", s.seqStart() & 0xffffffffL, seq, dump);
        field(x, "tcp_ack_seq", s.ack() & 0xffffffffL, ack, dump);
        if (s.window() >= 0) {
            field(x, "tcp_window", s.window(), a.window(), dump);
        }
        field(x, "tcp_urg_ptr", s.urgent(), a.urgent(), dump);
        if (s.ecn() != null) {
            int bitsEcn = ip.tos() & 3;
            boolean ok = switch (s.ecn()) {
                case "ect01" -> bitsEcn == 1 || bitsEcn == 2;
                case "ect0" -> bitsEcn == 2;
                case "ect1" -> bitsEcn == 1;
                case "ce" -> bitsEcn == 3;
                default -> bitsEcn == 0;
            };
            if (!ok) {
                throw x.packetFailure("live packet field ip_ecn: expected: " + s.ecn() + " vs actual: 0x"
                        + Integer.toHexString(bitsEcn) + dump);
            }
        }
        if (!s.optionsUnchecked()) {
            options(x, s, ao, tsVal, tol, dump);
        }
        for (byte b : a.payload()) {
            if (b != 0) {
                throw x.packetFailure("incorrect outbound data payload" + dump);
            }
        }
        if (time.type() == TimeSpec.Type.ANY) {
            return;
        }
        if (time.type() == TimeSpec.Type.ABSOLUTE_RANGE || time.type() == TimeSpec.Type.RELATIVE_RANGE) {
            if (actualUsecs < start - tol || actualUsecs > end + tol) {
                throw x.packetFailure(time.type() == TimeSpec.Type.ABSOLUTE_RANGE
                        ? "timing error: expected outbound packet in time range " + Executor.secs(start) + "~"
                                + Executor.secs(end) + " sec but happened at " + Executor.secs(actualUsecs) + " sec" + dump
                        : "timing error: expected outbound packet in relative time range +" + Executor.secs(start - offset)
                                + "~+" + Executor.secs(end - offset) + " sec but happened at +"
                                + Executor.secs(actualUsecs - offset) + " sec" + dump);
            }
        } else if (Math.abs(actualUsecs - start) > tol) {
            throw x.packetFailure("timing error: expected outbound packet at " + Executor.secs(start)
                    + " sec but happened at " + Executor.secs(actualUsecs) + " sec; tolerance " + Executor.secs(tol)
                    + " sec" + dump);
        }
    }

    private static void field(Executor x, String name, long expected, long actual, String dump) {
        if (expected != actual) {
            throw x.packetFailure("live packet field " + name + ": expected: " + expected + " (0x" + Long.toHexString(expected)
                    + ") vs actual: " + actual + " (0x" + Long.toHexString(actual) + ")" + dump);
        }
    }

    /** verify_outbound_live_tcp_options: same kinds in the same order, same values. */
    private static void options(Executor x, PacketSpec s, TcpOptions ao, long mappedTsVal, long tol, String dump) {
        List<Integer> kinds = ao.kinds();
        List<TcpOptionSpec> so = s.options();
        if (kinds.size() != so.size()) {
            throw x.packetFailure("bad outbound TCP options" + dump);
        }
        List<SackBlock> sack = Executor.scriptSack(ao.sackBlocks());
        for (int i = 0; i < so.size(); i++) {
            TcpOptionSpec o = so.get(i);
            if (kinds.get(i) != o.kind()) {
                throw x.packetFailure("bad outbound TCP options" + dump);
            }
            boolean same = switch (o.kind()) {
                case TcpOptionSpec.MSS -> ao.mss() == o.a();
                case TcpOptionSpec.WSCALE -> ao.windowScale() == o.a();
                case TcpOptionSpec.SACK -> sameSack(sack, o.sack());
                case TcpOptionSpec.TS -> {
                    if (x.tsTickUsecs() != 0 && Math.abs((int) (mappedTsVal - o.a())) * x.tsTickUsecs() > tol) {
                        throw x.packetFailure("bad outbound TCP timestamp value, tolerance " + tol + dump);
                    }
                    yield true;
                }
                default -> true;
            };
            if (!same) {
                throw x.packetFailure((o.kind() == TcpOptionSpec.SACK && sack.size() != o.sack().length / 2
                        ? "bad lengths for outbound TCP option " : "bad value outbound TCP option ") + o.kind() + dump);
            }
        }
    }

    private static boolean sameSack(List<SackBlock> actual, long[] script) {
        if (actual.size() != script.length / 2) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (Integer.toUnsignedLong(actual.get(i).start()) != (script[2 * i] & 0xffffffffL)
                    || Integer.toUnsignedLong(actual.get(i).end()) != (script[2 * i + 1] & 0xffffffffL)) {
                return false;
            }
        }
        return true;
    }

    /** The actual packet in script syntax and script space. */
    static String render(TcpRepr a, long seq, long ack, long tsVal) {
        StringBuilder sb = new StringBuilder();
        String f = "";
        int[] bits = {TcpFlags.FIN, TcpFlags.SYN, TcpFlags.RST, TcpFlags.PSH, TcpFlags.URG, TcpFlags.ECE, TcpFlags.CWR};
        for (int i = 0; i < bits.length; i++) {
            if (a.has(bits[i])) {
                f += "FSRPUEW".charAt(i);
            }
        }
        if (a.has(TcpFlags.ACK)) {
            f += ".";
        }
        sb.append(f.isEmpty() ? "-" : f).append(' ').append(seq).append(':').append((seq + a.payload().length) & 0xffffffffL)
                .append('(').append(a.payload().length).append(')');
        if (a.has(TcpFlags.ACK)) {
            sb.append(" ack ").append(ack);
        }
        sb.append(" win ").append(a.window());
        TcpOptions o = a.options();
        if (!o.kinds().isEmpty()) {
            List<String> parts = new ArrayList<>();
            List<SackBlock> sack = Executor.scriptSack(o.sackBlocks());
            for (int k : o.kinds()) {
                switch (k) {
                    case TcpOptionKind.EOL -> parts.add("eol");
                    case TcpOptionKind.NOP -> parts.add("nop");
                    case TcpOptionKind.MSS -> parts.add("mss " + o.mss());
                    case TcpOptionKind.WINDOW_SCALE -> parts.add("wscale " + o.windowScale());
                    case TcpOptionKind.SACK_PERMITTED -> parts.add("sackOK");
                    case TcpOptionKind.TIMESTAMPS -> parts.add("TS val " + tsVal + " ecr " + Integer.toUnsignedLong(o.tsEcr()));
                    case TcpOptionKind.SACK -> {
                        StringBuilder b = new StringBuilder("sack");
                        for (SackBlock blk : sack) {
                            b.append(' ').append(Integer.toUnsignedLong(blk.start())).append(':')
                                    .append(Integer.toUnsignedLong(blk.end()));
                        }
                        parts.add(b.toString());
                    }
                    default -> parts.add("kind " + k);
                }
            }
            sb.append(" <").append(String.join(",", parts)).append('>');
        }
        return sb.toString();
    }
}
