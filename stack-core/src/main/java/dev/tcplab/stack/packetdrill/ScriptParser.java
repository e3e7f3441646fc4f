package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.packetdrill.PacketdrillException.Kind;
import dev.tcplab.stack.wire.TcpFlags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses packetdrill's script language (google-packetdrill/syntax.md) for TCP over IPv4:
 * command-line options at the top, the setup command, then timed events: packets, system
 * calls, shell commands and code blocks. What the grammar allows but the runner cannot play
 * (UDP/ICMP packets, TFO and MD5 options, IP-in-IP prefixes) is rejected here with
 * "unsupported: ..." at its line, so a script is never half-understood.
 */
public final class ScriptParser {
    private final String file;
    private List<Token> toks;
    private int p;

    private ScriptParser(String file) {
        this.file = file;
    }

    /** Parses a script's text; file names the script in error messages. */
    public static Script parse(String file, String text) {
        return new ScriptParser(file).script(text);
    }

    private Script script(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        String body = takeOptions(text, options);
        toks = new Lexer(file, body).tokens();
        String init = null;
        int initLine = 0;
        if (peek().type() == Token.Type.BACKQUOTE) {
            initLine = peek().line();
            init = next().text();
        }
        List<Event> events = new ArrayList<>();
        while (peek().type() != Token.Type.EOF) {
            if (peek().type() == Token.Type.BACKQUOTE) {
                Token t = next();
                if (peek().type() == Token.Type.EOF && t.text().trim().startsWith("/tmp/sysctl_restore_")) {
                    break; // the cleanup command set_sysctls.py wrote: nothing to undo in a model
                }
                events.add(new Event.Command(t.line(), new TimeSpec(TimeSpec.Type.RELATIVE, 0, 0), t.text()));
                continue;
            }
            events.add(event());
        }
        if (events.isEmpty()) {
            throw error(Kind.PARSE, peek().line(), "script has no events");
        }
        return new Script(file, options, init, initLine, events);
    }

    /** Lines such as "--tolerance_usecs=10000" before the script proper; blanked so lines keep their numbers. */
    private String takeOptions(String text, Map<String, String> options) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("//")) {
                continue;
            }
            if (!t.startsWith("--")) {
                break;
            }
            int c = t.indexOf("//");
            String opt = (c >= 0 ? t.substring(0, c) : t).strip().substring(2);
            int eq = opt.indexOf('=');
            String name = eq < 0 ? opt : opt.substring(0, eq);
            String value = eq < 0 ? "" : opt.substring(eq + 1);
            checkOption(name, value, i + 1);
            options.put(name, value);
            lines[i] = "";
        }
        return String.join("\n", lines);
    }

    /** packetdrill's config.c checks of the options a script may set; the runner's own limits. */
    private void checkOption(String name, String value, int line) {
        switch (name) {
            case "tolerance_usecs" -> number(name, value, line, 1, Long.MAX_VALUE / 2000);
            case "tolerance_percent" -> {
                try {
                    double d = Double.parseDouble(value);
                    if (!(d >= 0 && d <= 100)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw error(Kind.PARSE, line, "bad --tolerance_percent: " + value);
                }
            }
            case "tcp_ts_tick_usecs" -> number(name, value, line, 0, 1_000_000);
            case "mss" -> number(name, value, line, 1, 65535);
            case "bind_port", "connect_port" -> number(name, value, line, 1, 65535);
            case "local_ip", "remote_ip", "gateway_ip", "netmask_ip" -> {
                if (!value.matches("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?")
                        || java.util.Arrays.stream(value.replaceAll("/.*", "").split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
                    if (value.contains(":")) {
                        throw error(Kind.UNSUPPORTED, line, "--" + name + "=" + value + " (the model runs IPv4)");
                    }
                    throw error(Kind.PARSE, line, "bad --" + name + ": " + value);
                }
            }
            case "ip_version" -> {
                if (!value.equals("ipv4")) {
                    throw error(Kind.UNSUPPORTED, line, "--ip_version=" + value + " (the model runs IPv4)");
                }
            }
            case "tcp_ts_ecr_scaled", "strict_segments" -> { }
            default -> throw error(Kind.UNSUPPORTED, line, "packetdrill option --" + name);
        }
    }

    private void number(String name, String value, int line, long min, long max) {
        try {
            long v = Long.parseLong(value);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw error(Kind.PARSE, line, "bad --" + name + ": " + value);
        }
    }

    // ------------------------------------------------------------------ events

    private Event event() {
        int line = peek().line();
        TimeSpec time = time();
        Token t = peek();
        if (t.is("<") || t.is(">")) {
            return new Event.Packet(line, time, packet());
        }
        if (t.type() == Token.Type.BACKQUOTE) {
            next();
            return new Event.Command(line, time, t.text());
        }
        if (t.type() == Token.Type.CODE) {
            next();
            return new Event.Code(line, time, t.text());
        }
        long end = -1;
        if (t.type() == Token.Type.ELLIPSIS) {
            next();
            end = usecs(expectNumber("blocking end time"));
        }
        if (peek().type() == Token.Type.WORD && peekAt(1).is("(")) {
            return syscall(line, time, end);
        }
        throw error(Kind.PARSE, peek().line(), "expected a packet, system call or command, got " + peek());
    }

    private TimeSpec time() {
        Token t = peek();
        if (t.is("*")) {
            next();
            return new TimeSpec(TimeSpec.Type.ANY, 0, 0);
        }
        boolean rel = false;
        if (t.is("+")) {
            next();
            rel = true;
        }
        if (!peek().isNumber()) {
            throw error(Kind.PARSE, peek().line(), "expected an event time, got " + peek());
        }
        long start = usecs(next());
        if (peek().is("~")) {
            next();
            boolean rel2 = false;
            if (peek().is("+")) {
                next();
                rel2 = true;
            }
            if (rel != rel2) {
                throw error(Kind.PARSE, t.line(), "a time range must be both relative or both absolute");
            }
            long end = usecs(expectNumber("range end"));
            if (end < start) {
                throw error(Kind.PARSE, t.line(), "time range ends before it starts");
            }
            return new TimeSpec(rel ? TimeSpec.Type.RELATIVE_RANGE : TimeSpec.Type.ABSOLUTE_RANGE, start, end);
        }
        return new TimeSpec(rel ? TimeSpec.Type.RELATIVE : TimeSpec.Type.ABSOLUTE, start, start);
    }

    private long usecs(Token number) {
        if (number.type() == Token.Type.HEX) {
            throw error(Kind.PARSE, number.line(), "a time cannot be hexadecimal: " + number.text());
        }
        BigDecimal us = new BigDecimal(number.text()).movePointRight(6);
        if (us.compareTo(BigDecimal.valueOf(MAX_TIME_USECS)) > 0) {
            throw error(Kind.PARSE, number.line(), "time " + number.text() + " s is too large");
        }
        return us.longValue();
    }

    /** A day of virtual time: far beyond any script, small enough for µs → ns arithmetic. */
    private static final long MAX_TIME_USECS = 86_400_000_000L;

    /** An INT or HEX token's value; out-of-range numbers are a parse error at their line. */
    private long value(Token t) {
        try {
            return t.type() == Token.Type.HEX ? Long.parseUnsignedLong(t.text().substring(2), 16) : Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw error(Kind.PARSE, t.line(), "bad number " + t.text());
        }
    }

    // ------------------------------------------------------------------ packets

    private PacketSpec packet() {
        int line = peek().line();
        boolean inbound = next().is("<");
        String ecn = null;
        if (peek().is("[") || peek().is("(")) {
            String close = peek().is("[") ? "]" : ")";
            next();
            StringBuilder sb = new StringBuilder();
            while (!peek().is(close)) {
                if (peek().type() == Token.Type.EOF) {
                    throw error(Kind.PARSE, line, "unterminated IP info");
                }
                sb.append(next().text());
            }
            next();
            ecn = sb.toString();
            if (!List.of("noecn", "ect0", "ect1", "ce", "ect01").contains(ecn)) {
                throw error(Kind.UNSUPPORTED, line, "IP header field spec [" + ecn + "]");
            }
        }
        Token t = peek();
        if (t.type() == Token.Type.WORD && List.of("udp", "icmp", "UDP", "ICMP", "ipv4", "ipv6", "gre", "mpls", "GRE", "MPLS")
                .contains(t.text())) {
            throw error(Kind.UNSUPPORTED, line, t.text() + " packets (the model runs TCP over IPv4)");
        }
        if (t.isNumber() && peekAt(1).is(">")) {
            throw error(Kind.UNSUPPORTED, line, "explicit port numbers in a packet");
        }
        int flags = flags(line);
        long s0 = expectLong("sequence start");
        expect(":");
        long s1 = expectLong("sequence end");
        expect("(");
        long len = expectLong("payload length");
        expect(")");
        if (s1 - s0 != len) {
            throw error(Kind.PARSE, line, "sequence range " + s0 + ":" + s1 + " does not match length " + len);
        }
        boolean hasAck = false;
        long ack = 0;
        int win = -1;
        int urg = 0;
        List<TcpOptionSpec> options = List.of();
        while (true) {
            Token k = peek();
            if (k.is("ack")) {
                next();
                hasAck = true;
                ack = expectLong("ack");
            } else if (k.is("win")) {
                next();
                win = (int) expectLong("window");
            } else if (k.is("urg")) {
                next();
                urg = (int) expectLong("urgent pointer");
            } else if (k.is("<")) {
                next();
                options = options(line);
            } else {
                break;
            }
        }
        if (win < 0 && inbound) {
            throw error(Kind.PARSE, line, "window must be specified for inbound packets");
        }
        if (options != null && options.stream().mapToInt(TcpOptionSpec::length).sum() % 4 != 0) {
            throw error(Kind.PARSE, line, "TCP options are not padded correctly to ensure TCP header is a multiple of "
                    + "4 bytes: " + options.stream().mapToInt(TcpOptionSpec::length).sum() % 4 + " excess bytes");
        }
        if (hasAck != ((flags & TcpFlags.ACK) != 0)) {
            // packetdrill: "ack" is given exactly when the '.' flag is; anything else is a script bug
            if (hasAck) {
                throw error(Kind.PARSE, line, "ack value given but no '.' (ACK) flag");
            }
        }
        return new PacketSpec(inbound, flags, s0, s1, (int) len, hasAck, ack, win, urg, options, ecn);
    }

    private int flags(int line) {
        Token t = peek();
        if (t.is("-")) {
            next();
            return 0;
        }
        int flags = 0;
        if (t.type() == Token.Type.WORD) {
            next();
            for (char c : t.text().toCharArray()) {
                flags |= switch (c) {
                    case 'S' -> TcpFlags.SYN;
                    case 'F' -> TcpFlags.FIN;
                    case 'R' -> TcpFlags.RST;
                    case 'P' -> TcpFlags.PSH;
                    case 'U' -> TcpFlags.URG;
                    case 'E' -> TcpFlags.ECE;
                    case 'W' -> TcpFlags.CWR;
                    case 'A' -> throw error(Kind.UNSUPPORTED, line, "TCP flag 'A' (AE, AccECN) in '" + t.text() + "'");
                    default -> throw error(Kind.PARSE, line, "Invalid TCP flag: '" + c + "'");
                };
            }
            if (peek().is(".")) {
                next();
                flags |= TcpFlags.ACK;
            }
            return flags;
        }
        if (t.is(".")) {
            next();
            return TcpFlags.ACK;
        }
        throw error(Kind.PARSE, line, "expected TCP flags, got " + t);
    }

    private List<TcpOptionSpec> options(int line) {
        if (peek().type() == Token.Type.ELLIPSIS) {
            next();
            expect(">");
            return null;
        }
        List<TcpOptionSpec> list = new ArrayList<>();
        while (true) {
            Token k = next();
            if (k.type() != Token.Type.WORD) {
                throw error(Kind.PARSE, k.line(), "expected a TCP option, got " + k);
            }
            switch (k.text()) {
                case "nop" -> list.add(new TcpOptionSpec(TcpOptionSpec.NOP, 0, 0, null));
                case "eol" -> list.add(new TcpOptionSpec(TcpOptionSpec.EOL, 0, 0, null));
                case "mss" -> list.add(new TcpOptionSpec(TcpOptionSpec.MSS, expectLong("mss"), 0, null));
                case "wscale" -> list.add(new TcpOptionSpec(TcpOptionSpec.WSCALE, expectLong("wscale"), 0, null));
                case "sackOK" -> list.add(new TcpOptionSpec(TcpOptionSpec.SACK_PERM, 0, 0, null));
                case "TS" -> {
                    expect("val");
                    long val = expectLong("TS val");
                    expect("ecr");
                    list.add(new TcpOptionSpec(TcpOptionSpec.TS, val, expectLong("TS ecr"), null));
                }
                case "sack" -> {
                    List<Long> v = new ArrayList<>();
                    while (peek().isNumber()) {
                        v.add(expectLong("SACK block start"));
                        expect(":");
                        v.add(expectLong("SACK block end"));
                    }
                    if (v.isEmpty() || v.size() > 8) {
                        throw error(Kind.PARSE, k.line(), "sack needs 1 to 4 blocks");
                    }
                    list.add(new TcpOptionSpec(TcpOptionSpec.SACK, 0, 0, v.stream().mapToLong(Long::longValue).toArray()));
                }
                case "FO", "FOEXP" -> throw error(Kind.UNSUPPORTED, k.line(), "TCP Fast Open option " + k.text()
                        + " (the model has no TFO)");
                case "md5" -> throw error(Kind.UNSUPPORTED, k.line(), "TCP MD5 option");
                default -> throw error(Kind.UNSUPPORTED, k.line(), "TCP option '" + k.text() + "'");
            }
            if (peek().is(",")) {
                next();
                continue;
            }
            expect(">");
            int total = list.stream().mapToInt(TcpOptionSpec::length).sum();
            if (total > 40) {
                throw error(Kind.PARSE, line, "TCP options are " + total + " bytes; at most 40 fit");
            }
            return list;
        }
    }

    // ------------------------------------------------------------------ system calls

    private Event syscall(int line, TimeSpec time, long end) {
        String name = next().text();
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            args.add(expr());
            while (peek().is(",")) {
                next();
                args.add(expr());
            }
        }
        expect(")");
        expect("=");
        Expr result = expr();
        String errno = null;
        if (peek().type() == Token.Type.WORD) {
            errno = next().text();
        }
        if (peek().is("(")) {
            skipBalanced();
        }
        return new Event.Syscall(line, time, end, name, List.copyOf(args), result, errno);
    }

    private void skipBalanced() {
        int depth = 0;
        int line = peek().line();
        do {
            Token t = next();
            if (t.type() == Token.Type.EOF) {
                throw error(Kind.PARSE, line, "unterminated note (");
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            }
        } while (depth > 0);
    }

    private Expr expr() {
        Expr e = primary();
        while (peek().is("|")) {
            next();
            e = new Expr.Or(e, primary());
        }
        if (peek().is("=")) {
            next();
            e = new Expr.Assign(e, expr());
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.type()) {
            case ELLIPSIS:
                return new Expr.Ellipsis();
            case INT:
            case HEX:
                return new Expr.Int(value(t));
            case STRING:
                if (peek().type() == Token.Type.ELLIPSIS) {
                    next();
                }
                return new Expr.Str(t.text());
            case WORD:
                if (peek().is("(")) {
                    next();
                    List<Expr> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        args.add(expr());
                        while (peek().is(",")) {
                            next();
                            args.add(expr());
                        }
                    }
                    expect(")");
                    return new Expr.Call(t.text(), List.copyOf(args));
                }
                return new Expr.Word(t.text());
            case PUNCT:
                if (t.is("-") && peek().type() == Token.Type.INT) {
                    return new Expr.Int(-value(next()));
                }
                if (t.is("[") || t.is("{")) {
                    String close = t.is("[") ? "]" : "}";
                    List<Expr> items = new ArrayList<>();
                    if (!peek().is(close)) {
                        items.add(expr());
                        while (peek().is(",")) {
                            next();
                            items.add(expr());
                        }
                    }
                    expect(close);
                    return t.is("[") ? new Expr.Array(List.copyOf(items)) : new Expr.Struct(List.copyOf(items));
                }
                break;
            default:
                break;
        }
        throw error(Kind.PARSE, t.line(), "unexpected " + t + " in an expression");
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return toks.get(p);
    }

    private Token peekAt(int k) {
        return toks.get(Math.min(p + k, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.type() != Token.Type.EOF) {
            p++;
        }
        return t;
    }

    private void expect(String s) {
        Token t = next();
        if (!t.is(s)) {
            throw error(Kind.PARSE, t.line(), "expected '" + s + "', got " + t);
        }
    }

    private Token expectNumber(String what) {
        Token t = next();
        if (!t.isNumber()) {
            throw error(Kind.PARSE, t.line(), "expected " + what + ", got " + t);
        }
        return t;
    }

    private long expectLong(String what) {
        Token t = next();
        if (t.type() == Token.Type.INT || t.type() == Token.Type.HEX) {
            long v = value(t);
            if (v < 0 || v > 0xffffffffL) {
                throw error(Kind.PARSE, t.line(), what + " " + t.text() + " does not fit in 32 bits");
            }
            return v;
        }
        throw error(Kind.PARSE, t.line(), "expected " + what + " (an integer), got " + t);
    }

    private PacketdrillException error(Kind kind, int line, String msg) {
        return new PacketdrillException(kind, file, line, msg);
    }
}
