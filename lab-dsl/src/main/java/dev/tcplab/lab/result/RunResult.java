package dev.tcplab.lab.result;

import java.util.List;

/**
 * A run over one or more labs. {@code isolation} says how a submission's code was isolated
 * (null when the run ran no submission code, or does not know).
 */
public record RunResult(long seed, List<LabResult> labs, long wallMillis, String isolation) {
    public RunResult(long seed, List<LabResult> labs, long wallMillis) {
        this(seed, labs, wallMillis, null);
    }

    public boolean allPassed() {
        return labs.stream().allMatch(l -> l.outcome() == Outcome.PASSED || l.outcome() == Outcome.SKIPPED);
    }
}
