package dev.tcplab.lab.result;

/**
 * One named check of a lab. {@code points} is what was earned (0 unless PASSED),
 * {@code maxPoints} what it was worth. {@code virtualTimeNanos} is the virtual time of the
 * verdict (of the failed expectation when FAILED), -1 when none. {@code message} is null on
 * success; on failure it says expected vs actual.
 */
public record CheckResult(String name, String step, double points, double maxPoints, boolean hidden,
                          Outcome outcome, String message, long virtualTimeNanos, SourceLocation location) {}
