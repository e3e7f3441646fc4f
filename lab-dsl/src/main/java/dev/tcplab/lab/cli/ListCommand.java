package dev.tcplab.lab.cli;

import dev.tcplab.lab.console.ConsoleLines;
import dev.tcplab.lab.engine.LabFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab list`: the labs under folders, with titles and checks read from the source. */
final class ListCommand implements Command {
    private final PrintStream out;

    ListCommand(PrintStream out) {
        this.out = out;
    }

    @Override public String name() { return "list"; }

    @Override public String summary() { return "list labs with their titles, checks and points"; }

    @Override public String usage() { return "list [options] DIRS|FILES..."; }

    @Override
    public String details() {
        return "Titles and checks are read from the script text (literal title = \"...\" and check(\"...\")),\n"
            + "without running it; a lab computing them at run time shows what is literal.";
    }

    @Override
    public Options options() {
        return new Options().addOption(Args.option("c", "checks", null, "also list each lab's checks"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        List<Path> labs;
        try {
            labs = LabFiles.find(Args.paths(line, "folder or lab file"));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        int width = labs.stream().mapToInt(p -> LabFiles.id(p).length()).max().orElse(0);
        for (Path file : labs) {
            LabOutline lab;
            try {
                lab = LabOutline.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.printf("%-" + width + "s  %s  (%s, %s points)%n", lab.id(), lab.title(), ConsoleLines.count(lab.checks().size(), "check"),
                ConsoleLines.points(lab.points()));
            if (line.hasOption("checks")) {
                lab.checks().forEach(c -> out.printf("%" + width + "s    - %s  [%s]%n", "", c.name(), ConsoleLines.points(c.points())));
            }
        }
        out.println(ConsoleLines.count(labs.size(), "lab"));
        return 0;
    }
}
