package dev.tcplab.lab.grade;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Grades a student submission against labs. The submission's code runs in a forked JVM with a
 * wall-clock limit and a heap cap; the score is computed here, in the grading process, from the
 * results it receives. Writes Gradescope results.json and the usual reports.
 */
public final class Grader {
    public record Request(List<Path> labs, Path submission, Path reportsDir, Long seed,
                          Duration timeout, String maxHeap) {}

    public record Outcome(double score, double maxScore, boolean allPassed, Path resultsJson) {}

    public static Outcome grade(Request request) {
        throw new UnsupportedOperationException("grade: TODO");
    }
}
