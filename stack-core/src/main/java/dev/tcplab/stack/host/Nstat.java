package dev.tcplab.stack.host;

import java.util.Map;

/** Renders counters the way `nstat -az` does: one "Name  value  rate" line per non-zero counter. */
public final class Nstat {
    private Nstat() {}

    public static String render(Map<String, Long> counters) {
        StringBuilder b = new StringBuilder("#kernel\n");
        counters.forEach((name, value) -> b.append(String.format("%-32s%-19d%s%n", name, value, "0.0")));
        return b.toString();
    }

    /** All non-zero counters of a host. */
    public static String render(Host h) {
        return render(h.nstat());
    }

    /** Deltas since a snapshot, like `nstat` with a history file. */
    public static String delta(Host h, Map<Counter, Long> before) {
        return render(h.mib().since(before));
    }
}
