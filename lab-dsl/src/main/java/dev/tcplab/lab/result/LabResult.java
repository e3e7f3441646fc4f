package dev.tcplab.lab.result;

import java.util.List;

/**
 * One lab script's result. {@code error} explains a lab-level failure (compile error with
 * file:line:column, exception, time limit, memory) and is null otherwise. {@code trace} is
 * what happened on the simulated network, for the reports; null when the lab did not run.
 */
public record LabResult(String id, String title, String script, long seed, Outcome outcome,
                        String error, SourceLocation errorLocation, List<CheckResult> checks,
                        LabTrace trace, long wallMillis, long virtualNanos) {
    public double points() {
        return checks.stream().mapToDouble(CheckResult::points).sum();
    }

    public double maxPoints() {
        return checks.stream().mapToDouble(CheckResult::maxPoints).sum();
    }

    /** The script's warnings (carried by the trace, which every path from a lab to a report keeps). */
    public List<String> warnings() {
        return trace == null ? List.of() : trace.warnings();
    }
}
