package dev.tcplab.lab.result;

public enum Outcome {
    PASSED,
    /** An expectation did not hold. */
    FAILED,
    /** The check (or its lab) could not run to a verdict: exception, time limit, memory, compile error. */
    ERROR,
    /** Not run (filtered out with --only, or the lab needs something missing here, e.g. root). */
    SKIPPED
}
