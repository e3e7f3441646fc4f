package dev.tcplab.lab.grade;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab as the grader knows it before a submission runs: its checks with their worth, listed by
 * running the lab against its own reference solution. {@code problem} is set when the checks
 * could not be listed; {@code solutionFailures} names checks the reference solution itself does
 * not pass (the exercise is broken, or its solution is).
 */
public record LabDefinition(String id, String title, String script, List<CheckDefinition> checks, String problem,
                            List<String> solutionFailures) {
    public record CheckDefinition(String name, String step, double maxPoints, boolean hidden) {}

    public double maxPoints() {
        return checks.stream().mapToDouble(CheckDefinition::maxPoints).sum();
    }

    /** The definition a run of the lab with its reference solution gives. */
    static LabDefinition of(LabResult lab) {
        List<CheckDefinition> checks = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (CheckResult c : lab.checks()) {
            checks.add(new CheckDefinition(c.name(), c.step(), c.maxPoints(), c.hidden()));
            if (c.outcome() != Outcome.PASSED && c.outcome() != Outcome.SKIPPED) {
                failing.add(c.name() + ": " + c.outcome() + (c.message() == null ? "" : " - " + c.message()));
            }
        }
        String problem = null;
        if (checks.isEmpty()) {
            problem = "the lab declared no checks when run with its reference solution"
                + (lab.error() != null ? ": " + lab.error() : "");
        }
        return new LabDefinition(lab.id(), lab.title(), lab.script(), List.copyOf(checks), problem, List.copyOf(failing));
    }
}
