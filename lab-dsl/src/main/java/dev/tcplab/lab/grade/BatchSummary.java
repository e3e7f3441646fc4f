package dev.tcplab.lab.grade;

import java.util.List;
import java.util.Locale;

/** The console's lines for a batch, the same for the CLI and Maven: a line per submission, then totals. */
public final class BatchSummary {
    private BatchSummary() {}

    /** A submission's line, printed as it finishes. */
    public static String line(BatchGrading.Row r) {
        String what = r.graded()
            ? GradeTable.points(r.outcome().score()) + " / " + GradeTable.points(r.outcome().maxScore())
            : "NOT GRADED - " + GradeTable.firstLine(r.error() == null ? "unknown" : r.error());
        return String.format(Locale.ROOT, "%-24s %s (%.1f s)", GradeTable.firstLine(r.submission()), what,
            r.wallMillis() / 1000.0);
    }

    /** The closing lines: counts, throughput, where the gradebook is. */
    public static List<String> totals(BatchGrading.Result res) {
        long graded = res.rows().stream().filter(BatchGrading.Row::graded).count();
        double minutes = res.wallMillis() / 60_000.0;
        return List.of(
            String.format(Locale.ROOT, "%d submissions, %d graded, %d not graded, in %.1f s at parallelism %d "
                + "(%.1f submissions per minute)", res.rows().size(), graded, res.rows().size() - graded,
                res.wallMillis() / 1000.0, res.parallelism(), minutes > 0 ? res.rows().size() / minutes : 0.0),
            "Gradebook: " + res.gradebook());
    }
}
