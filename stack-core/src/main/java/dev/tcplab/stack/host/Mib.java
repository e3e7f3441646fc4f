package dev.tcplab.stack.host;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A host's counters (per network namespace in Linux). */
public final class Mib {
    private final long[] values = new long[Counter.values().length];

    public void inc(Counter c) {
        values[c.ordinal()]++;
    }

    public void add(Counter c, long n) {
        values[c.ordinal()] += n;
    }

    public long get(Counter c) {
        return values[c.ordinal()];
    }

    /** By nstat name, e.g. "TcpExtListenOverflows"; IllegalArgumentException for unknown names. */
    public long get(String nstatName) {
        return get(Counter.valueOf(nstatName));
    }

    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> m = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            m.put(c, values[c.ordinal()]);
        }
        return m;
    }

    /** Non-zero counters in declaration order, as nstat prints them (gauges included). */
    public Map<String, Long> nonZero() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            if (values[c.ordinal()] != 0) {
                m.put(c.name(), values[c.ordinal()]);
            }
        }
        return m;
    }

    /** Deltas since a snapshot (non-zero only), like `nstat` against its history file. */
    public Map<String, Long> since(Map<Counter, Long> before) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            long d = values[c.ordinal()] - before.getOrDefault(c, 0L);
            if (d != 0) {
                m.put(c.name(), d);
            }
        }
        return m;
    }
}
