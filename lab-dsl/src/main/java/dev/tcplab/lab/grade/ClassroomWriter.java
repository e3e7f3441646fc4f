package dev.tcplab.lab.grade;

import dev.tcplab.lab.report.JsonWriter;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GitHub Classroom's runner result ({@code classroom.json}), the JSON that
 * {@code classroom-resources/autograding-grading-reporter} reads base64-encoded from
 * {@code <RUNNER>_RESULTS}: {@code version}, {@code status} ("pass", "fail", "error"),
 * {@code max_score}, and a test per check with its {@code status}, {@code score} and
 * {@code message}. Classroom's points are the sum of the tests' scores over max_score, so each
 * check carries its own points. Classroom has no hidden tests: a hidden check shows its points
 * but not its message. A lab that could not run is an "error" test and makes the run "error".
 */
public final class ClassroomWriter {
    private ClassroomWriter() {}

    public static String render(RunResult run, boolean gradingProblems) {
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        boolean error = gradingProblems || run.labs().stream().anyMatch(l -> l.error() != null);
        boolean allPassed = run.labs().stream().flatMap(l -> l.checks().stream())
            .allMatch(c -> c.outcome() == Outcome.PASSED);
        JsonWriter w = new JsonWriter(true);
        w.beginObject()
            .field("version", 1L)
            .field("status", error ? "error" : allPassed ? "pass" : "fail")
            .field("max_score", max)
            .name("tests").beginArray();
        for (LabResult lab : run.labs()) {
            if (lab.error() != null) {
                w.beginObject()
                    .field("name", lab.id() + ": lab could not run to the end")
                    .field("status", "error")
                    .field("score", 0.0)
                    .field("message", GradeTable.firstLine(lab.error()))
                    .endObject();
            }
            for (CheckResult c : lab.checks()) {
                boolean passed = c.outcome() == Outcome.PASSED;
                w.beginObject()
                    .field("name", lab.id() + ": " + c.name() + (c.hidden() ? " (hidden)" : ""))
                    .field("status", passed ? "pass" : c.outcome() == Outcome.ERROR ? "error" : "fail")
                    .field("score", passed ? c.points() : 0.0)
                    .field("message", passed || c.hidden() || c.message() == null ? "" : GradeTable.firstLine(c.message()))
                    .endObject();
            }
        }
        w.endArray().endObject();
        return w.toString() + "\n";
    }

    public static Path write(RunResult run, boolean gradingProblems, Path file) throws IOException {
        Files.writeString(file, render(run, gradingProblems), StandardCharsets.UTF_8);
        return file;
    }
}
