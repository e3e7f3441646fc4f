package dev.tcplab.lab.cli;

import dev.tcplab.lab.scaffold.Scaffold;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab new`: scaffold an exercise that runs green at once. */
final class NewCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    NewCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override public String name() { return "new"; }

    @Override public String summary() { return "scaffold a new exercise (lab script, README, submission template, solution)"; }

    @Override public String usage() { return "new [--dir DIR] NAME"; }

    @Override
    public Options options() {
        return new Options().addOption(Args.option("d", "dir", "DIR", "parent folder (default: the current one)"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        if (line.getArgList().size() != 1) {
            throw new UsageError("give exactly one NAME for the new lab");
        }
        String name = line.getArgList().get(0);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new UsageError("a lab name is lower-case letters, digits and dashes, like syn-flood: '" + name + "'");
        }
        Path dir = line.hasOption("dir") ? Args.path(line, "dir") : Path.of(".");
        try {
            for (Path file : Scaffold.create(dir, name)) {
                out.println("created " + file);
            }
            Path lab = dir.resolve(name);
            out.println("next: tcplab run --submission " + lab.resolve("solution") + " " + lab
                + "   (the reference solution: every check green)");
            out.println("      edit " + lab.resolve(name + ".lab.kts") + "; students start from "
                + lab.resolve("submission-template"));
            return 0;
        } catch (IOException e) {
            err.println("tcplab new: " + e.getMessage());
            return 1;
        }
    }
}
