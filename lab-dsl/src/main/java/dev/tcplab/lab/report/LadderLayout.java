package dev.tcplab.lab.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the ladder's host columns go. The ladder fits a 1,400 px page whatever the number of
 * hosts: each host gets an equal column ({@link #MAX_COL_W} at most), narrower as hosts are added,
 * and every text is cut to the room it has ({@link #fit}), its full text kept in a hover title.
 * A host's state boxes sit right of its lifeline, inside its column, so boxes never overlap.
 */
record LadderLayout(List<String> hosts, Map<String, Integer> x, int colW, int hostBoxW, int width) {
    /** The widest ladder: a 1,400 px window less the page's margins and a scrollbar. */
    static final int MAX_WIDTH = 1280;
    static final int MAX_COL_W = 300;
    /** The virtual-time column on the left. */
    static final int TIME_W = 92;
    /** Monospace character widths at the label sizes used (11.5 px and 11 px). */
    static final double LABEL_CHAR = 7.0;
    static final double SMALL_CHAR = 6.7;

    static LadderLayout of(List<String> hosts) {
        int n = Math.max(1, hosts.size());
        int colW = Math.min(MAX_COL_W, (MAX_WIDTH - TIME_W - 76) / n);
        int hostBoxW = Math.max(20, Math.min(140, colW - 8));
        int first = TIME_W + hostBoxW / 2 + 6;
        Map<String, Integer> x = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            x.put(hosts.get(i), first + i * colW);
        }
        return new LadderLayout(List.copyOf(hosts), x, colW, hostBoxW, first + (n - 1) * colW + colW);
    }

    /** The text, or its start and "…" when it needs more than {@code px} at {@code charPx} a character. */
    static String fit(String text, double px, double charPx) {
        int max = (int) Math.floor(px / charPx);
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        return max <= 1 ? (max == 1 ? "…" : "") : text.substring(0, max - 1) + "…";
    }

    /** The first of the candidates (longest first) that fits, else the last one cut to fit. */
    static String fitFirst(double px, double charPx, String... candidates) {
        for (String c : candidates) {
            if (c.length() <= Math.floor(px / charPx)) {
                return c;
            }
        }
        return fit(candidates[candidates.length - 1], px, charPx);
    }
}
