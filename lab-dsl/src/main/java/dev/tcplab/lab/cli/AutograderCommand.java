package dev.tcplab.lab.cli;

import dev.tcplab.lab.course.AutograderZip;
import dev.tcplab.lab.grade.Grader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab autograder`: a Gradescope autograder zip for the exercises among LABS. */
final class AutograderCommand implements Command {
    private final PrintStream out;

    AutograderCommand(PrintStream out) {
        this.out = out;
    }

    @Override public String name() { return "autograder"; }

    @Override public String summary() { return "write a Gradescope autograder zip for the exercises"; }

    @Override public String usage() { return "autograder [options] LABS..."; }

    @Override
    public String details() {
        return """
            Writes a zip to upload as a Gradescope "Zip file upload" autograder (Ubuntu base image):
            setup.sh installs a JDK and bubblewrap with apt; the toolkit is inside the zip (lib/).
            run_autograder grades /autograder/submission against the exercises (each with its
            solution/, readable by the grader only) into /autograder/results/results.json.
            Example:
              tcplab autograder --output autograder.zip labs/""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("o", "output", "FILE", "the zip to write (default autograder.zip)"))
            .addOption(Args.option("l", "lab", "NAME", "put only this lab in (id or folder name); repeatable"))
            .addOption(Args.option("s", "seed", "N", "seed every lab is graded with"))
            .addOption(Args.option("t", "timeout", "SECONDS", "wall-clock limit per lab when grading"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        List<Path> labs = Args.paths(line, "lab folder");
        Set<String> named = new HashSet<>();
        if (line.hasOption("lab")) {
            named.addAll(List.of(line.getOptionValues("lab")));
        }
        List<Path> exercises = new ArrayList<>(Grader.exercisesIn(labs, named));
        if (!named.isEmpty()) {
            exercises.removeIf(p -> !named.contains(dev.tcplab.lab.engine.LabFiles.id(p))
                && !named.contains(p.toAbsolutePath().getParent().getFileName().toString()));
        }
        List<String> gradeArgs = new ArrayList<>();
        Long seed = Args.seed(line);
        if (seed != null) {
            gradeArgs.addAll(List.of("--seed", seed.toString()));
        }
        if (line.hasOption("timeout")) {
            Args.timeout(line); // validated here, passed as given
            gradeArgs.addAll(List.of("--timeout", line.getOptionValue("timeout")));
        }
        Path zip = line.hasOption("output") ? Args.path(line, "output") : Path.of("autograder.zip");
        try {
            AutograderZip.write(exercises, AutograderZip.ownClassPath(), gradeArgs, zip);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot write " + zip + ": " + e.getMessage());
        }
        out.println("Gradescope autograder: " + zip + " (" + exercises.size() + " exercise"
            + (exercises.size() == 1 ? "" : "s") + ": " + String.join(", ",
            exercises.stream().map(dev.tcplab.lab.engine.LabFiles::id).toList()) + ")");
        out.println("Upload it under Configure Autograder -> Zip file upload; see docs/courses.md.");
        return 0;
    }
}
