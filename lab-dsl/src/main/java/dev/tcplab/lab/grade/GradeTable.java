package dev.tcplab.lab.grade;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's view of a grading run, the same lines for the CLI and Maven: a line per check
 * (points, outcome, lab and check name, the first line of why it did not pass), the score, the
 * isolation the submission's code had, and any problem of the grading machine.
 */
public final class GradeTable {
    private GradeTable() {}

    public static List<String> lines(Grader.Outcome o) {
        List<String> out = new ArrayList<>();
        int width = o.run().labs().stream().flatMap(l -> l.checks().stream())
            .mapToInt(c -> points(c.maxPoints()).length()).max().orElse(1);
        for (LabResult lab : o.run().labs()) {
            for (CheckResult c : lab.checks()) {
                String pts = String.format(Locale.ROOT, "%" + width + "s/%-" + width + "s", points(c.points()),
                    points(c.maxPoints()));
                String mark = switch (c.outcome()) {
                    case PASSED -> "✓";
                    case SKIPPED -> "-";
                    case FAILED -> "✗";
                    case ERROR -> "!";
                };
                out.add(String.format(Locale.ROOT, "%s %s  %-7s %s: %s%s", mark, pts, c.outcome(), lab.id(), c.name(),
                    c.hidden() ? " (hidden)" : ""));
                if (c.outcome() != Outcome.PASSED && c.message() != null) {
                    out.add("      " + firstLine(c.message()));
                }
            }
            if (lab.error() != null) {
                out.add("! " + lab.id() + ": " + firstLine(lab.error()));
            }
        }
        out.add(String.format(Locale.ROOT, "Score: %s / %s", points(o.score()), points(o.maxScore())));
        out.add("Isolation: " + o.isolation());
        for (String w : o.warnings()) {
            out.add("Warning: " + firstLine(w));
        }
        for (String p : o.problems()) {
            out.add("Grading problem: " + firstLine(p));
        }
        return out;
    }

    public static String points(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /**
     * The first line, at most 200 characters, control characters shown as '?': messages quote what
     * a submission returned or threw, and a carriage return or an escape sequence could otherwise
     * redraw the grader's terminal (a forged "Score:" line).
     */
    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
