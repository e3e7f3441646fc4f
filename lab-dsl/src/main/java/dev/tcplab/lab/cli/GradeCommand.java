package dev.tcplab.lab.cli;

import dev.tcplab.lab.engine.LabFiles;
import dev.tcplab.lab.grade.BatchGrading;
import dev.tcplab.lab.grade.BatchSummary;
import dev.tcplab.lab.grade.GradeTable;
import dev.tcplab.lab.grade.Grader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** `tcplab grade`: a student's submission against the exercises, through the Grader. */
final class GradeCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    GradeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override public String name() { return "grade"; }

    @Override public String summary() { return "grade a submission against the exercises (Gradescope results.json)"; }

    @Override public String usage() { return "grade (--submission DIR | --submissions DIR | --solutions) [options] LABS..."; }

    @Override
    public String details() {
        return """
            Grades the exercises among LABS (labs with a solution/ or submission-template/ folder);
            a lab file given directly, or named with --lab, is graded whatever it is (also one
            that needs real interfaces, which is otherwise left out).
            The submission's code runs in a separate process inside the operating system's sandbox
            (bubblewrap); without one, code is not run unless --trust-submissions is given.
            DIR may hold a folder per exercise (named like the exercise's folder or id).
            --submissions DIR grades every subfolder of DIR as one submission, --parallel at a
            time, into REPORTS/<subfolder>/ and a gradebook REPORTS/gradebook.csv.
            Examples:
              tcplab grade --submission ~/student42 --reports out/ labs/
              tcplab grade --submissions ~/exports --parallel 2 --reports out/ labs/
            Exit status: 0 every check passed, 1 not all passed, 2 usage error,
            3 the grading machine could not grade (no sandbox, a broken exercise).
            With --submissions: 0 every submission was graded, 3 some could not be.""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("u", "submission", "DIR", "the student's submission folder"))
            .addOption(Args.option(null, "submissions", "DIR", "a folder of submissions, one subfolder each"))
            .addOption(Args.option("p", "parallel", "N", "with --submissions: how many to grade at a time (default 1)"))
            .addOption(new Option(null, "solutions", false, "grade each exercise with its own solution/ folder"))
            .addOption(Args.option("l", "lab", "NAME", "also grade this lab (id or folder name), exercise or not"))
            .addOption(new Option(null, "trust-submissions", false,
                "run submission code without the operating system's sandbox (said in every result)"))
            .addOption(Args.option("r", "reports", "DIR", "where results.json and the reports go (default: lab-reports)"))
            .addOption(Args.option("s", "seed", "N", "seed for every lab"))
            .addOption(Args.option("t", "timeout", "SECONDS", "wall-clock limit per lab"))
            .addOption(Args.option("m", "max-heap", "SIZE", "heap cap of the submission's process, e.g. 512m"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        Path submission = Args.path(line, "submission");
        Path batch = Args.path(line, "submissions");
        boolean solutions = line.hasOption("solutions");
        if ((submission != null ? 1 : 0) + (batch != null ? 1 : 0) + (solutions ? 1 : 0) != 1) {
            throw new UsageError("give one of --submission DIR, --submissions DIR or --solutions");
        }
        if (submission != null && !Files.isDirectory(submission)) {
            throw new UsageError("no such submission folder: " + submission);
        }
        Path reports = line.hasOption("reports") ? Args.path(line, "reports") : Path.of("lab-reports");
        java.util.List<Path> labs = Args.paths(line, "lab file or folder");
        Set<String> named = new java.util.HashSet<>();
        if (line.hasOption("lab")) {
            named.addAll(java.util.List.of(line.getOptionValues("lab")));
        }
        labs.stream().filter(Files::isRegularFile).map(LabFiles::id).forEach(named::add); // a file given is named
        Grader.Settings settings = new Grader.Settings(labs, named, Args.seed(line),
            Args.timeout(line), line.getOptionValue("max-heap"), line.hasOption("trust-submissions"));
        if (batch != null) {
            return batch(settings, batch, parallelism(line), reports);
        }
        Grader.Outcome outcome;
        try {
            outcome = Grader.grade(new Grader.Request(settings, submission, solutions, reports));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        GradeTable.lines(outcome).forEach(out::println);
        out.println("Gradescope results: " + outcome.resultsJson());
        if (!outcome.problems().isEmpty()) {
            err.println("The grading machine could not grade everything; these results are not a grade.");
            return 3;
        }
        return outcome.allPassed() ? 0 : 1;
    }

    private int batch(Grader.Settings settings, Path batch, int parallelism, Path reports) throws UsageError {
        BatchGrading.Result result;
        try (Grader grader = new Grader(settings)) {
            result = BatchGrading.grade(grader, batch, parallelism, reports, r -> out.println(BatchSummary.line(r)));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        BatchSummary.totals(result).forEach(out::println);
        if (!result.allGraded()) {
            err.println("Some submissions could not be graded (see the gradebook's why column); their rows are not grades.");
            return 3;
        }
        return 0;
    }

    private static int parallelism(CommandLine line) throws UsageError {
        String p = line.getOptionValue("parallel", "1");
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new UsageError("--parallel must be a whole number, not " + p);
        }
    }
}
