package dev.tcplab.lab.grade;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a lab run against its definition (the checks the lab declared with its reference
 * solution). The definition decides which checks exist and what each is worth, so a run that
 * ended early still shows every check, each one it did not reach as FAILED with the lab's error,
 * and nothing a run reports can raise a score above the definition's points.
 */
final class Marking {
    static final int MAX_MESSAGE = 4000;

    private Marking() {}

    /** {@code run} is the lab run with the submission (trusted: the lab and its checks ran in the grader). */
    static LabResult mark(LabDefinition def, LabResult run) {
        Map<String, List<CheckResult>> byName = new HashMap<>();
        for (CheckResult c : run.checks()) {
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> used = new HashMap<>();
        String notReached = run.error() != null ? "not reached: " + firstLine(run.error())
            : "the lab did not run this check with this submission";
        List<CheckResult> checks = new ArrayList<>();
        for (LabDefinition.CheckDefinition d : def.checks()) {
            List<CheckResult> got = byName.getOrDefault(d.name(), List.of());
            int n = used.merge(d.name(), 1, Integer::sum) - 1;
            if (n >= got.size()) {
                checks.add(failed(d, run.error() != null ? Outcome.ERROR : Outcome.FAILED, notReached));
            } else {
                checks.add(scored(d, got.get(n)));
            }
        }
        return new LabResult(def.id(), title(def), def.script(), run.seed(), outcome(checks, run.error() != null),
            run.error() == null ? null : cut(run.error()), run.errorLocation(), checks, run.trace(), run.wallMillis(),
            run.virtualNanos());
    }

    /** Every check of the lab without points, for a lab that could not be graded at all. */
    static LabResult failAll(LabDefinition def, long seed, String why, long wallMillis) {
        List<CheckResult> checks = new ArrayList<>();
        for (LabDefinition.CheckDefinition d : def.checks()) {
            checks.add(failed(d, Outcome.ERROR, "not graded: " + firstLine(why)));
        }
        return new LabResult(def.id(), title(def), def.script(), seed, Outcome.ERROR, why, null, checks, null,
            wallMillis, 0);
    }

    private static CheckResult scored(LabDefinition.CheckDefinition d, CheckResult got) {
        Outcome o = got.outcome() == null ? Outcome.FAILED : got.outcome();
        double points = o == Outcome.PASSED ? d.maxPoints() : 0;
        return new CheckResult(d.name(), d.step(), points, d.maxPoints(), d.hidden(), o,
            o == Outcome.PASSED ? null : cut(got.message()), got.virtualTimeNanos(), got.location());
    }

    private static CheckResult failed(LabDefinition.CheckDefinition d, Outcome o, String why) {
        return new CheckResult(d.name(), d.step(), 0, d.maxPoints(), d.hidden(), o, why, -1, null);
    }

    private static Outcome outcome(List<CheckResult> checks, boolean labError) {
        if (labError || checks.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
            return Outcome.ERROR;
        }
        return checks.stream().allMatch(c -> c.outcome() == Outcome.PASSED || c.outcome() == Outcome.SKIPPED)
            ? Outcome.PASSED : Outcome.FAILED;
    }

    private static String title(LabDefinition def) {
        return def.title() == null ? def.id() : def.title();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String cut(String s) {
        if (s == null || s.length() <= MAX_MESSAGE) {
            return s;
        }
        return s.substring(0, MAX_MESSAGE) + "… (" + (s.length() - MAX_MESSAGE) + " more characters)";
    }
}
