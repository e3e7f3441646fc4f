package dev.tcplab.lab.grade;

import java.util.List;

/**
 * What the grading process knows about a lab before the submission runs: its id and checks with
 * their worth. Points are recomputed from these, never taken from the worker. {@code problem} is
 * set when the checks could not be listed (the lab failed without a submission).
 */
public record LabDefinition(String id, String title, String script, List<CheckDefinition> checks, String problem) {
    public record CheckDefinition(String name, String step, double maxPoints, boolean hidden) {}

    public double maxPoints() {
        return checks.stream().mapToDouble(CheckDefinition::maxPoints).sum();
    }
}
