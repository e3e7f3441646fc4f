package dev.tcplab.lab.cli;

import dev.tcplab.lab.course.ClassroomWorkflow;
import dev.tcplab.lab.engine.LabEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab classroom`: the GitHub Classroom workflow for a course's starter repositories. */
final class ClassroomCommand implements Command {
    private final PrintStream out;

    ClassroomCommand(PrintStream out) {
        this.out = out;
    }

    @Override public String name() { return "classroom"; }

    @Override public String summary() { return "write the GitHub Classroom autograding workflow"; }

    @Override public String usage() { return "classroom --course OWNER/REPO [--ref REF] [--output FILE]"; }

    @Override
    public String details() {
        return """
            Writes .github/workflows/classroom.yml for a starter repository: it checks out the
            student's submission and the exercises of the course repository at REF, grades with
            lab:grade (Maven, this toolkit's version) in the sandbox, and reports each check's
            points to GitHub Classroom. Students can edit a workflow in their own repository:
            grades that count belong on Gradescope or lab:grade -Dlab.submissions (docs/courses.md).
            Example:
              tcplab classroom --course uni-x/tcp-course --ref v2026.1 --output .github/workflows/classroom.yml""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("c", "course", "OWNER/REPO", "the course repository holding labs/"))
            .addOption(Args.option(null, "ref", "REF", "its tag, branch or commit (default main)"))
            .addOption(Args.option(null, "toolkit-version", "VERSION", "the plugin version (default this toolkit's)"))
            .addOption(Args.option(null, "toolkit-repository", "URL", "the Maven repository holding the toolkit (default Maven Central)"))
            .addOption(Args.option("o", "output", "FILE", "where to write it (default: print)"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        if (!line.hasOption("course")) {
            throw new UsageError("--course OWNER/REPO is required");
        }
        String text;
        try {
            text = ClassroomWorkflow.render(line.getOptionValue("course"), line.getOptionValue("ref", "main"),
                line.getOptionValue("toolkit-version", LabEngine.VERSION), line.getOptionValue("toolkit-repository"));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Path file = Args.path(line, "output");
        if (file == null) {
            out.print(text);
            return 0;
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UsageError("cannot write " + file + ": " + e.getMessage());
        }
        out.println("GitHub Classroom workflow: " + file);
        return 0;
    }
}
