package dev.tcplab.lab.result;

import java.util.List;

/** A run over one or more labs. */
public record RunResult(long seed, List<LabResult> labs, long wallMillis) {
    public boolean allPassed() {
        return labs.stream().allMatch(l -> l.outcome() == Outcome.PASSED || l.outcome() == Outcome.SKIPPED);
    }
}
