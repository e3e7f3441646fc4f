package dev.tcplab.stack.host;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host's sysctls by /proc/sys name, defaulting to the reference kernel's values
 * (src/test/resources/reference/linux-6.18/README.md "Sysctls not mentioned are the namespace defaults").
 */
public final class Sysctls {
    private static final Map<String, String> DEFAULTS = new TreeMap<>();

    static {
        d("net.core.somaxconn", "4096");
        d("net.core.rmem_max", "212992");
        d("net.ipv4.tcp_syn_retries", "6");
        d("net.ipv4.tcp_synack_retries", "5");
        d("net.ipv4.tcp_syn_linear_timeouts", "4");
        d("net.ipv4.tcp_syncookies", "1");
        d("net.ipv4.tcp_max_syn_backlog", "2048");
        d("net.ipv4.tcp_abort_on_overflow", "0");
        d("net.ipv4.tcp_timestamps", "1");
        d("net.ipv4.tcp_sack", "1");
        d("net.ipv4.tcp_dsack", "1");
        d("net.ipv4.tcp_window_scaling", "1");
        d("net.ipv4.tcp_ecn", "2");
        d("net.ipv4.tcp_rmem", "4096 131072 33554432");
        d("net.ipv4.tcp_wmem", "4096 16384 4194304");
        d("net.ipv4.ip_local_port_range", "32768 60999");
        d("net.ipv4.ip_local_reserved_ports", "");
        d("net.ipv4.tcp_fin_timeout", "60");
        d("net.ipv4.tcp_early_retrans", "3");
        d("net.ipv4.tcp_keepalive_time", "7200");
        d("net.ipv4.tcp_keepalive_intvl", "75");
        d("net.ipv4.tcp_keepalive_probes", "9");
        d("net.ipv4.tcp_challenge_ack_limit", "2147483647");
        d("net.ipv4.tcp_invalid_ratelimit", "500");
        d("net.ipv4.tcp_rto_min_us", "200000");
        d("net.ipv4.tcp_rto_max_ms", "120000");
        d("net.ipv4.tcp_retries1", "3");
        d("net.ipv4.tcp_retries2", "15");
        d("net.ipv4.tcp_orphan_retries", "0");
        d("net.ipv4.tcp_tw_reuse", "2");
        d("net.ipv4.tcp_rfc1337", "0");
        d("net.ipv4.tcp_max_tw_buckets", "131072");
        d("net.ipv4.ip_default_ttl", "64");
        d("net.ipv4.tcp_delack_min_ms", "40");
    }

    private static void d(String k, String v) {
        DEFAULTS.put(k, v);
    }

    private final Map<String, String> values = new TreeMap<>(DEFAULTS);
    /*
     * Parsed values, filled on first read and emptied by every write: the stack reads sysctls
     * ~41 times per connection and ~8 times per SYN, and re-parsing the string (a regex split)
     * each time was a third of a SYN flood's samples. Writes are rare (a lab's setup).
     */
    private final Map<String, Integer> parsedInt = new HashMap<>();
    private final Map<String, int[]> parsedInts = new HashMap<>();
    private final Map<String, Integer> parsedIpv4Int = new HashMap<>();

    public Sysctls(KernelProfile profile) {
        values.putAll(profile.overrides());
    }

    /** Sets a sysctl by its full name ("net.ipv4.tcp_syn_retries"); unknown names are refused. */
    public void set(String name, Object value) {
        if (!values.containsKey(name)) {
            String hint = values.containsKey("net.ipv4." + name) ? " (did you mean net.ipv4." + name + "?)" : "";
            throw new IllegalArgumentException("unknown sysctl " + name + hint + "; known: " + values.keySet());
        }
        values.put(name, String.valueOf(value).trim());
        parsedInt.clear();
        parsedInts.clear();
        parsedIpv4Int.clear();
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown sysctl " + name);
        }
        return v;
    }

    /** The first number of a sysctl's value (parsed once until the next {@link #set}). */
    public int getInt(String name) {
        Integer v = parsedInt.get(name);
        if (v == null) {
            v = Integer.parseInt(get(name).split("\\s+")[0]);
            parsedInt.put(name, v);
        }
        return v;
    }

    /** {@link #getInt} of "net.ipv4." + shortName, without building the name on every read. */
    public int getIpv4Int(String shortName) {
        Integer v = parsedIpv4Int.get(shortName);
        if (v == null) {
            v = getInt("net.ipv4." + shortName);
            parsedIpv4Int.put(shortName, v);
        }
        return v;
    }

    /** All numbers of a sysctl's value (parsed once until the next {@link #set}; a copy, callers may keep it). */
    public int[] getInts(String name) {
        int[] v = parsedInts.get(name);
        if (v == null) {
            v = parseInts(name);
            parsedInts.put(name, v);
        }
        return v.length == 0 ? v : v.clone();
    }

    private int[] parseInts(String name) {
        String v = get(name);
        if (v.isEmpty()) {
            return new int[0];
        }
        String[] p = v.split("[\\s,]+");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = Integer.parseInt(p[i]);
        }
        return r;
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }
}
