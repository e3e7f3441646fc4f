package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.packetdrill.PacketdrillException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets the shell commands packetdrill scripts run, as far as they only set sysctls:
 * {@code defaults.sh} (the settings listed in packetdrill/INDEX.md), {@code set_sysctls.py
 * /proc/sys/net/...=value ...} and {@code sysctl -q name=value ...}, one per line, with
 * {@code \} continuations. A sysctl the model does not have is unsupported (the script would
 * depend on a setting the model cannot honour) — except inside defaults.sh, whose settings for
 * features the model lacks (congestion control, pacing, TFO, ...) are skipped: they set the
 * environment of every script, and scripts exercising those features fail on their own lines.
 * Anything else (ethtool, tc, echo > /sys/...) is unsupported.
 */
final class SetupCommand {
    /** google/packetdrill gtests/net/common/defaults.sh, as listed in packetdrill/INDEX.md. */
    static final Map<String, String> DEFAULTS_SH = new LinkedHashMap<>();

    static {
        DEFAULTS_SH.put("net.ipv4.tcp_rmem", "4096 540000 15728640");
        DEFAULTS_SH.put("net.ipv4.tcp_wmem", "4096 262144 4194304");
        DEFAULTS_SH.put("net.ipv4.tcp_timestamps", "1");
        DEFAULTS_SH.put("net.ipv4.tcp_syn_retries", "5");
        DEFAULTS_SH.put("net.ipv4.tcp_synack_retries", "5");
        DEFAULTS_SH.put("net.ipv4.tcp_frto", "2");
        DEFAULTS_SH.put("net.ipv4.tcp_sack", "1");
        DEFAULTS_SH.put("net.ipv4.tcp_dsack", "1");
        DEFAULTS_SH.put("net.ipv4.tcp_fack", "0");
        DEFAULTS_SH.put("net.ipv4.tcp_reordering", "3");
        DEFAULTS_SH.put("net.ipv4.tcp_congestion_control", "cubic");
        DEFAULTS_SH.put("net.ipv4.tcp_slow_start_after_idle", "0");
        DEFAULTS_SH.put("net.ipv4.tcp_early_retrans", "4");
        DEFAULTS_SH.put("net.ipv4.tcp_recovery", "1");
        DEFAULTS_SH.put("net.ipv4.tcp_tso_win_divisor", "3");
        DEFAULTS_SH.put("net.ipv4.tcp_ecn", "0");
        DEFAULTS_SH.put("net.ipv4.tcp_ecn_option", "2");
        DEFAULTS_SH.put("net.ipv4.tcp_pacing_ss_ratio", "200");
        DEFAULTS_SH.put("net.ipv4.tcp_pacing_ca_ratio", "120");
        DEFAULTS_SH.put("net.ipv4.tcp_notsent_lowat", "4294967295");
        DEFAULTS_SH.put("net.ipv4.tcp_fastopen", "0x70403");
        DEFAULTS_SH.put("net.ipv4.tcp_fastopen_key", "a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4");
        DEFAULTS_SH.put("net.ipv4.tcp_syncookies", "1");
    }

    private SetupCommand() {}

    static void run(Host host, String file, int line, String command) {
        String joined = command.replace("\\\n", " ");
        String[] lines = joined.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replaceAll("\\s#.*$", "").strip();
            int at = line + countNewlines(command, i);
            if (l.isEmpty()) {
                continue;
            }
            List<String> words = words(l, file, at);
            String cmd = words.get(0);
            if (cmd.endsWith("/defaults.sh") || cmd.equals("defaults.sh")) {
                if (words.size() > 1) {
                    throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "arguments to defaults.sh: " + l);
                }
                for (var e : DEFAULTS_SH.entrySet()) {
                    if (host.sysctls().all().containsKey(e.getKey())) {
                        host.sysctl(e.getKey(), e.getValue());
                    }
                }
            } else if (cmd.endsWith("/set_sysctls.py") || cmd.equals("set_sysctls.py")) {
                for (String w : words.subList(1, words.size())) {
                    int eq = w.indexOf('=');
                    if (eq < 0 || !w.startsWith("/proc/sys/")) {
                        throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "set_sysctls.py argument '" + w + "'");
                    }
                    set(host, file, at, w.substring("/proc/sys/".length(), eq).replace('/', '.'), w.substring(eq + 1));
                }
            } else if (cmd.equals("sysctl")) {
                int k = 1;
                while (k < words.size() && words.get(k).startsWith("-")) {
                    if (!List.of("-q", "-w", "-qw").contains(words.get(k))) {
                        throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "sysctl option " + words.get(k));
                    }
                    k++;
                }
                if (k == words.size()) {
                    throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "sysctl without name=value: " + l);
                }
                for (String w : words.subList(k, words.size())) {
                    int eq = w.indexOf('=');
                    if (eq < 0) {
                        throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "sysctl read of " + w);
                    }
                    set(host, file, at, w.substring(0, eq), w.substring(eq + 1));
                }
            } else {
                throw new PacketdrillException(Kind.UNSUPPORTED, file, at, "shell command '" + l + "'");
            }
        }
    }

    private static int countNewlines(String command, int logicalLine) {
        // the line number of the logical line: physical newlines before it, continuations included
        int seen = 0;
        int n = 0;
        for (int i = 0; i < command.length() && seen < logicalLine; i++) {
            if (command.charAt(i) == '\n') {
                n++;
                if (i == 0 || command.charAt(i - 1) != '\\') {
                    seen++;
                }
            }
        }
        return n;
    }

    private static void set(Host host, String file, int line, String name, String value) {
        if (!host.sysctls().all().containsKey(name)) {
            throw new PacketdrillException(Kind.UNSUPPORTED, file, line, "sysctl " + name + "=" + value
                    + " (the model has no such setting)");
        }
        String old = host.sysctls().get(name);
        try {
            if (value.startsWith("0x")) {
                value = Long.toString(Long.parseLong(value.substring(2), 16));
            }
            host.sysctl(name, value);
            host.sysctls().getInts(name); // the model reads its sysctls as integers: refuse what it could not read
        } catch (RuntimeException e) {
            host.sysctl(name, old);
            throw new PacketdrillException(Kind.PARSE, file, line, "bad sysctl value " + name + "=" + value);
        }
    }

    /** Whitespace-separated words; double quotes group (and are removed). */
    private static List<String> words(String l, String file, int line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : l.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else if (!quoted && ";&|><$`".indexOf(c) >= 0) {
                throw new PacketdrillException(Kind.UNSUPPORTED, file, line, "shell syntax '" + c + "' in '" + l + "'");
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new PacketdrillException(Kind.PARSE, file, line, "unterminated quote in '" + l + "'");
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
