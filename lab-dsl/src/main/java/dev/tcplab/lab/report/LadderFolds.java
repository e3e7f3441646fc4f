package dev.tcplab.lab.report;

import dev.tcplab.lab.report.LadderRows.Row;
import dev.tcplab.lab.report.LadderRows.StateBox;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Long runs folded: a block of 1 to {@link #MAX_BLOCK} consecutive rows that repeats at least
 * {@link #MIN_REPEATS} times with similar rows (same hosts, flags and fate; state boxes with the
 * same states) becomes one expandable item, "31 × SYN attacker → sc1, 2.000 ms apart". A fold
 * never spans a quiet gap (those are what a student looks for: timers) and never holds a fault,
 * a packet a fault hit or a failed check.
 */
final class LadderFolds {
    static final int MIN_REPEATS = 4;
    static final int MAX_BLOCK = 16;

    private LadderFolds() {}

    /** A row, or (row null) a fold of {@code repeats} × a block of {@code block} rows. */
    record Item(Row row, int repeats, int block, List<Row> rows) {
        boolean folded() {
            return row == null;
        }

        long start() {
            return folded() ? rows.get(0).time() : row.time();
        }

        long end() {
            return folded() ? rows.get(rows.size() - 1).time() : row.time();
        }
    }

    static List<Item> fold(List<Row> rows) {
        List<String> keys = rows.stream().map(LadderFolds::key).toList();
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            int bestK = 0;
            int bestReps = 0;
            for (int k = 1; k <= MAX_BLOCK && i + k * MIN_REPEATS <= rows.size(); k++) {
                if (!foldable(rows, keys, i, i + k)) {
                    break; // a longer block would hold the same unfoldable row
                }
                int reps = 1;
                while (i + (reps + 1) * k <= rows.size() && keys.subList(i, i + k).equals(keys.subList(i + reps * k, i + (reps + 1) * k))
                    && foldable(rows, keys, i + reps * k - 1, i + (reps + 1) * k)) {
                    reps++;
                }
                if (reps >= MIN_REPEATS && reps * k > bestReps * bestK) {
                    bestK = k;
                    bestReps = reps;
                }
            }
            if (bestK == 0) {
                items.add(new Item(rows.get(i), 1, 1, List.of(rows.get(i))));
                i++;
            } else {
                items.add(new Item(null, bestReps, bestK, List.copyOf(rows.subList(i, i + bestK * bestReps))));
                i += bestK * bestReps;
            }
        }
        return items;
    }

    /** Rows [from, to) can be in a fold: each has a key, and no quiet gap lies between them. */
    private static boolean foldable(List<Row> rows, List<String> keys, int from, int to) {
        for (int j = from; j < to; j++) {
            if (keys.get(j) == null || j > from && rows.get(j).time() - rows.get(j - 1).time() > LadderSvg.GAP_NANOS) {
                return false;
            }
        }
        return true;
    }

    /** What makes two rows "similar"; null for a row that is never folded. */
    static String key(Row r) {
        if (r.packet() != null) {
            WirePacket p = r.packet();
            if (p.fault() != null) {
                return null;
            }
            return "P " + p.fromHost() + ">" + p.toHost() + " " + p.flags() + " " + (p.length() > 0)
                + (p.firewallDropped() ? " fw " + p.droppedBy() + " " + p.dropRule() : p.delivered() ? "" : " lost");
        }
        if (r.states() != null) {
            return "S " + r.states().stream().map(b -> b.host() + ":" + kind(b.socket()) + ":" + b.states())
                .collect(Collectors.joining(","));
        }
        return null;
    }

    /** "req2 ⇒ sk3" → "req⇒sk": the kind of socket without its number. */
    private static String kind(String socket) {
        return socket.replaceAll("[0-9]+", "").replace(" ", "");
    }

    /** The fold's one-line description: "31 × SYN attacker → sc1, 2.000 ms apart (0.018000–0.078000 s)". */
    static String summary(Item f) {
        List<String> parts = new ArrayList<>();
        for (Row r : f.rows().subList(0, f.block())) {
            parts.add(describe(r));
        }
        String what = f.block() == 1 ? parts.get(0) : "[" + String.join(" · ", parts) + "]";
        List<Long> starts = new ArrayList<>();
        for (int j = 0; j < f.repeats(); j++) {
            starts.add(f.rows().get(j * f.block()).time());
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int j = 1; j < starts.size(); j++) {
            long d = starts.get(j) - starts.get(j - 1);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        String spacing = max == 0 ? "at one instant" : min == max ? Html.span(min) + " apart"
            : Html.span(min) + " to " + Html.span(max) + " apart";
        String range = max == 0 ? "" : " (" + String.format(Locale.ROOT, "%.6f", f.start() / 1e9) + "–"
            + Html.seconds6(f.end()) + ")";
        return f.repeats() + " × " + what + ", " + spacing + range;
    }

    static String describe(Row r) {
        if (r.packet() != null) {
            WirePacket p = r.packet();
            return flagNames(p.flags()) + " " + p.fromHost() + " → " + p.toHost()
                + (p.firewallDropped() ? " ✗ " + p.droppedBy() + " " + p.dropRule() : p.delivered() ? "" : " ✗");
        }
        return r.states().stream().map(b -> b.host() + " " + b.label().replaceAll("[0-9]+", ""))
            .collect(Collectors.joining(", "));
    }

    /** "SA" → "SYN-ACK" (tcpdump's letters as words); flags already in words stay. */
    static String flagNames(String flags) {
        if (flags == null || flags.isEmpty()) {
            return "none";
        }
        if (!flags.matches("[SAFRPUEC.]+")) {
            return flags;
        }
        List<String> names = new ArrayList<>();
        for (char c : flags.toCharArray()) {
            names.add(switch (c) {
                case 'S' -> "SYN";
                case 'A' -> "ACK";
                case 'F' -> "FIN";
                case 'R' -> "RST";
                case 'P' -> "PSH";
                case 'U' -> "URG";
                case 'E' -> "ECE";
                case 'C' -> "CWR";
                default -> ".";
            });
        }
        return String.join("-", names);
    }
}
