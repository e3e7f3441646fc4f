package dev.tcplab.lab.cli;

import dev.tcplab.lab.grade.Grader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab grade`: a student's submission against labs, through the Grader. */
final class GradeCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    GradeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override public String name() { return "grade"; }

    @Override public String summary() { return "grade a student submission against labs (Gradescope results.json)"; }

    @Override public String usage() { return "grade --submission DIR [options] LABS..."; }

    @Override
    public String details() {
        return """
            The submission's code runs in a separate JVM with a time limit and a heap cap.
            Example:
              tcplab grade --submission ~/student42 --reports out/ labs/
            Exit status: 0 every check passed, 1 not all passed, 2 usage error.""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("u", "submission", "DIR", "the student's submission folder (required)"))
            .addOption(Args.option("r", "reports", "DIR", "where results.json and the reports go (default: lab-reports)"))
            .addOption(Args.option("s", "seed", "N", "seed for every lab"))
            .addOption(Args.option("t", "timeout", "SECONDS", "wall-clock limit per lab"))
            .addOption(Args.option("m", "max-heap", "SIZE", "heap cap of the grading JVM, e.g. 512m"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        Path submission = Args.path(line, "submission");
        if (submission == null) {
            throw new UsageError("--submission DIR is required");
        }
        if (!Files.isDirectory(submission)) {
            throw new UsageError("no such submission folder: " + submission);
        }
        Path reports = line.hasOption("reports") ? Args.path(line, "reports") : Path.of("lab-reports");
        Grader.Request request = new Grader.Request(Args.paths(line, "lab file or folder"), submission, reports,
            Args.seed(line), Args.timeout(line), line.getOptionValue("max-heap"));
        Grader.Outcome outcome = Grader.grade(request);
        out.printf("score %s/%s%s%n", Console.points(outcome.score()), Console.points(outcome.maxScore()),
            outcome.resultsJson() != null ? "  (" + outcome.resultsJson() + ")" : "");
        return outcome.allPassed() ? 0 : 1;
    }
}
