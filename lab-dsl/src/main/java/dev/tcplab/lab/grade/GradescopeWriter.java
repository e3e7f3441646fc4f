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
import java.util.Locale;

/**
 * Gradescope's results.json (autograder specification): top-level score, execution_time and a
 * markdown output; one test per check with score/max_score/status and its message as markdown.
 * Hidden checks are "after_published": students see them once grades are released. A lab that
 * failed as a whole (compile error, crash, time limit) adds a zero-point test carrying the reason.
 */
public final class GradescopeWriter {
    private GradescopeWriter() {}

    public static String render(RunResult run) {
        double score = run.labs().stream().mapToDouble(LabResult::points).sum();
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        JsonWriter w = new JsonWriter(true);
        w.beginObject()
            .field("score", score)
            .field("execution_time", Math.max(0, Math.round(run.wallMillis() / 1000.0)))
            .field("output", summary(run, score, max))
            .field("output_format", "md")
            .field("test_output_format", "md")
            .field("visibility", "visible")
            .field("stdout_visibility", "hidden");
        if (run.isolation() != null) {
            w.name("extra_data").beginObject().field("isolation", run.isolation()).endObject();
        }
        w.name("tests").beginArray();
        for (LabResult lab : run.labs()) {
            if (lab.error() != null) {
                w.beginObject()
                    .field("name", lab.id() + ": lab could not run to the end")
                    .field("score", 0.0)
                    .field("max_score", 0.0)
                    .field("status", "failed")
                    .field("output", "```\n" + fence(hidePaths(lab.error(), lab.script())) + "\n```"
                        + (lab.errorLocation() == null ? "" : "\n\nat `" + shortLocation(lab.errorLocation()) + "`"))
                    .field("output_format", "md")
                    .field("visibility", "visible")
                    .endObject();
            }
            for (CheckResult c : lab.checks()) {
                w.beginObject()
                    .field("name", lab.id() + ": " + c.name())
                    .field("score", c.outcome() == Outcome.PASSED ? c.points() : 0.0)
                    .field("max_score", c.maxPoints())
                    .field("status", c.outcome() == Outcome.PASSED ? "passed" : "failed")
                    .field("output", output(c, lab.script()))
                    .field("output_format", "md")
                    .field("visibility", c.hidden() ? "after_published" : "visible")
                    .endObject();
            }
        }
        w.endArray().endObject();
        return w.toString() + "\n";
    }

    public static Path write(RunResult run, Path resultsJson) throws IOException {
        Path parent = resultsJson.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(resultsJson, render(run), StandardCharsets.UTF_8);
        return resultsJson;
    }

    private static String summary(RunResult run, double score, double max) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "**Score: %s / %s** (seed %d)%n%n", num(score), num(max), run.seed()));
        if (run.isolation() != null) {
            b.append("Isolation of the submission's code: ").append(run.isolation()).append("\n\n");
        }
        b.append("| lab | outcome | points |\n|---|---|---|\n");
        for (LabResult lab : run.labs()) {
            b.append("| ").append(cell(lab.title() == null ? lab.id() : lab.title())).append(" | ").append(lab.outcome())
                .append(" | ").append(num(lab.points())).append(" / ").append(num(lab.maxPoints())).append(" |\n");
        }
        return b.toString();
    }

    /** Students see file:line, not where the grading machine keeps the labs. */
    private static String shortLocation(dev.tcplab.lab.result.SourceLocation loc) {
        Path name = Path.of(loc.file()).getFileName();
        return new dev.tcplab.lab.result.SourceLocation(name == null ? loc.file() : name.toString(), loc.line(), loc.column())
            .toString();
    }

    private static String hidePaths(String text, String script) {
        if (text == null || script == null) {
            return text;
        }
        Path parent = Path.of(script).toAbsolutePath().getParent();
        String out = text;
        if (parent != null) {
            out = out.replace(parent + "/", "");
        }
        Path given = Path.of(script).getParent();
        return given == null ? out : out.replace(given + "/", "");
    }

    private static String output(CheckResult c, String script) {
        StringBuilder b = new StringBuilder();
        b.append(switch (c.outcome()) {
            case PASSED -> "✓ passed";
            case FAILED -> "✗ failed";
            case ERROR -> "⚠ error";
            case SKIPPED -> "– not run";
        });
        if (c.virtualTimeNanos() >= 0) {
            b.append(String.format(Locale.ROOT, " at virtual time %.6f s", c.virtualTimeNanos() / 1e9));
        }
        if (c.location() != null) {
            b.append(" (`").append(shortLocation(c.location())).append("`)");
        }
        if (c.message() != null) {
            b.append("\n\n```\n").append(fence(hidePaths(c.message(), script))).append("\n```");
        }
        return b.toString();
    }

    /** A message holding ``` would end the code block early. */
    private static String fence(String s) {
        return s.replace("```", "`\u200b``");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
