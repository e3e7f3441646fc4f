package dev.tcplab.lab.console;

import dev.tcplab.lab.dsl.VDuration;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's lines, one format for the CLI and the Maven plugin (both print what these return):
 * a progress line per lab, a line per check ({@code "  ✓ name  2/2  @500 ms"}, and why it did not
 * pass, indented, printed once), the lab's errors, warnings and verdict, and one summary line at
 * the end that names what did not pass (so a quiet build, {@code mvn -q}, still says which check
 * failed) without repeating why.
 */
public final class ConsoleLines {
    /** Checks and labs named in the summary line; the rest are counted. */
    static final int NAMED_IN_SUMMARY = 5;
    private static final String INDENT = "      ";

    private ConsoleLines() {}

    /** "▶ [1/3] 04-synack-loss  (labs/04-synack-loss/synack-loss.lab.kts)". */
    public static String labStarted(int index, int total, String id, String script) {
        return String.format(Locale.ROOT, "▶ [%d/%d] %s  (%s)", index, total, id, script);
    }

    /** The check's line (mark, name, points, virtual time of the verdict), then why it did not pass, indented. */
    public static List<String> check(CheckResult c) {
        List<String> lines = new ArrayList<>();
        String name = checkName(c) + (c.hidden() ? " (hidden)" : "");
        String when = c.virtualTimeNanos() >= 0 ? "@" + VDuration.Companion.format(c.virtualTimeNanos()) : "";
        switch (c.outcome()) {
            case PASSED -> lines.add(trimEnd(String.format("  ✓ %s  %s/%s  %s", name, points(c.points()),
                points(c.maxPoints()), when)));
            case SKIPPED -> lines.add("  - " + name + "  skipped");
            default -> lines.add(trimEnd(String.format("  ✗ %s  %s/%s  %s%s", name, points(c.points()),
                points(c.maxPoints()), c.outcome() == Outcome.ERROR ? "ERROR " : "", when)));
        }
        indent(lines, c.message());
        return lines;
    }

    /** The lab's error (with where it happened), its warnings, and its verdict line. */
    public static List<String> labFinished(LabResult lab) {
        List<String> lines = new ArrayList<>();
        if (lab.error() != null) {
            lines.add("  ✗ lab error:");
            String where = lab.errorLocation() == null ? "" : lab.errorLocation().toString();
            // the engine's message often names the place already
            indent(lines, lab.error() + (where.isEmpty() || lab.error().contains(where) ? "" : " (" + where + ")"));
        }
        for (String w : lab.warnings()) {
            lines.add("  ⚠ warning: " + w);
        }
        lines.add(String.format(Locale.ROOT, "  %s  %s: %s/%s points, %s, virtual %s, seed %d", lab.outcome(), lab.title(),
            points(lab.points()), points(lab.maxPoints()), count(lab.checks().size(), "check"),
            VDuration.Companion.format(lab.virtualNanos()), lab.seed()));
        return lines;
    }

    /**
     * The run's last line: "PASSED: 2 labs, 2 passed, 0 failed, 0 errors; 7.5/7.5 points; 1.2 s", and
     * when something did not pass, "; not passed: lab › check, lab (error)" (the first few).
     */
    public static String summary(RunResult run) {
        long passed = run.labs().stream().filter(l -> l.outcome() == Outcome.PASSED).count();
        long failed = run.labs().stream().filter(l -> l.outcome() == Outcome.FAILED).count();
        long errors = run.labs().stream().filter(l -> l.outcome() == Outcome.ERROR).count();
        long skipped = run.labs().stream().filter(l -> l.outcome() == Outcome.SKIPPED).count();
        double got = run.labs().stream().mapToDouble(LabResult::points).sum();
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        String line = String.format(Locale.ROOT, "%s: %s, %d passed, %d failed, %s%s; %s/%s points; %.1f s",
            run.allPassed() ? "PASSED" : "FAILED", count(run.labs().size(), "lab"), passed, failed, count(errors, "error"),
            skipped > 0 ? ", " + skipped + " skipped" : "", points(got), points(max), run.wallMillis() / 1000.0);
        List<String> notPassed = notPassed(run);
        if (notPassed.isEmpty()) {
            return line;
        }
        List<String> named = notPassed.subList(0, Math.min(NAMED_IN_SUMMARY, notPassed.size()));
        return line + "; not passed: " + String.join(", ", named)
            + (notPassed.size() > named.size() ? " and " + (notPassed.size() - named.size()) + " more" : "");
    }

    /** "lab › check" for every failed or errored check, "lab (error)" for a lab that errored outside its checks. */
    static List<String> notPassed(RunResult run) {
        List<String> names = new ArrayList<>();
        for (LabResult lab : run.labs()) {
            boolean any = false;
            for (CheckResult c : lab.checks()) {
                if (c.outcome() == Outcome.FAILED || c.outcome() == Outcome.ERROR) {
                    names.add(lab.id() + " › " + checkName(c) + (c.outcome() == Outcome.ERROR ? " (error)" : ""));
                    any = true;
                }
            }
            if (!any && (lab.outcome() == Outcome.FAILED || lab.outcome() == Outcome.ERROR)) {
                names.add(lab.id() + " (" + (lab.outcome() == Outcome.ERROR ? "error" : "failed") + ")");
            }
        }
        return names;
    }

    private static String checkName(CheckResult c) {
        return (c.step() != null ? c.step() + " › " : "") + c.name();
    }

    private static void indent(List<String> lines, String text) {
        if (text != null) {
            text.lines().forEach(l -> lines.add(INDENT + l));
        }
    }

    private static String trimEnd(String s) {
        return s.stripTrailing();
    }

    /** "1 lab", "3 labs". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** 2, 0.5, 1.25: whole points without a decimal point. */
    public static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p);
    }
}
