package dev.tcplab.lab.cli;

import dev.tcplab.lab.dsl.VDuration;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a run as it happens: a progress line per lab, a line per check (✓/✗, points,
 * virtual time of the verdict, and why it failed), a verdict per lab and a summary.
 */
final class Console implements LabListener {
    private final PrintStream out;
    private final int total;
    private int index;

    Console(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void labStarted(String id, String script) {
        index++;
        out.printf("▶ [%d/%d] %s  (%s)%n", index, total, id, script);
    }

    @Override
    public void checkFinished(String labId, CheckResult c) {
        String name = (c.step() != null ? c.step() + " › " : "") + c.name() + (c.hidden() ? " (hidden)" : "");
        String when = c.virtualTimeNanos() >= 0 ? "@" + VDuration.Companion.format(c.virtualTimeNanos()) : "";
        switch (c.outcome()) {
            case PASSED -> out.printf("  ✓ %s  %s/%s  %s%n", name, points(c.points()), points(c.maxPoints()), when);
            case SKIPPED -> {
                out.printf("  - %s  skipped%n", name);
                indent(c.message());
            }
            default -> {
                out.printf("  ✗ %s  %s/%s  %s%s%n", name, points(c.points()), points(c.maxPoints()),
                    c.outcome() == Outcome.ERROR ? "ERROR " : "", when);
                indent(c.message());
            }
        }
    }

    @Override
    public void labFinished(LabResult lab) {
        if (lab.error() != null) {
            out.println("  ✗ lab error:");
            indent(lab.error());
        }
        for (String w : lab.warnings()) {
            out.println("  ⚠ warning: " + w);
        }
        out.printf("  %s  %s: %s/%s points, %s, virtual %s, seed %d%n", lab.outcome(), lab.title(),
            points(lab.points()), points(lab.maxPoints()), count(lab.checks().size(), "check"),
            VDuration.Companion.format(lab.virtualNanos()), lab.seed());
    }

    void summary(RunResult run) {
        long passed = run.labs().stream().filter(l -> l.outcome() == Outcome.PASSED).count();
        long failed = run.labs().stream().filter(l -> l.outcome() == Outcome.FAILED).count();
        long errors = run.labs().stream().filter(l -> l.outcome() == Outcome.ERROR).count();
        long skipped = run.labs().stream().filter(l -> l.outcome() == Outcome.SKIPPED).count();
        double got = run.labs().stream().mapToDouble(LabResult::points).sum();
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        out.printf(Locale.ROOT, "%s: %s, %d passed, %d failed, %s%s; %s/%s points; %.1f s%n",
            run.allPassed() ? "PASSED" : "FAILED", count(run.labs().size(), "lab"), passed, failed, count(errors, "error"),
            skipped > 0 ? ", " + skipped + " skipped" : "", points(got), points(max), run.wallMillis() / 1000.0);
    }

    private void indent(String text) {
        if (text != null) {
            text.lines().forEach(l -> out.println("      " + l));
        }
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** 2, 0.5, 1.25: whole points without a decimal point. */
    static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p);
    }
}
