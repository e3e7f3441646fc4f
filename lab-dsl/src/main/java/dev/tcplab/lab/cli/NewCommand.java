package dev.tcplab.lab.cli;

import dev.tcplab.lab.scaffold.Scaffold;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab new`: scaffold a walk-through or an exercise, numbered into the curriculum, that runs green at once. */
final class NewCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    NewCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override public String name() { return "new"; }

    @Override public String summary() { return "scaffold a new lab: a walk-through, or an exercise with submission template and solution"; }

    @Override public String usage() { return "new [--dir DIR] [--kind walkthrough|exercise] [--number N] NAME"; }

    @Override
    public String details() {
        return """
            In a numbered curriculum (folders like 01-three-way-handshake) the lab gets the first free
            number, or --number N; the script keeps the plain name (NAME.lab.kts, run with --lab NAME).
            Examples:
              tcplab new --dir labs --kind walkthrough fin-handshake     # labs/15-fin-handshake/
              tcplab new --dir labs --number 21 predict-the-close        # an exercise, labs/21-predict-the-close/""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("d", "dir", "DIR", "the labs folder (default: the current one)"))
            .addOption(Args.option("k", "kind", "KIND", "walkthrough or exercise (default exercise)"))
            .addOption(Args.option("n", "number", "N", "its number in the curriculum (default: the first free one)"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        if (line.getArgList().size() != 1) {
            throw new UsageError("give exactly one NAME for the new lab");
        }
        String name = line.getArgList().get(0);
        Path dir = line.hasOption("dir") ? Args.path(line, "dir") : Path.of(".");
        Scaffold.Created lab;
        try {
            Scaffold.Kind kind = Scaffold.Kind.parse(line.getOptionValue("kind", "exercise"));
            lab = Scaffold.create(dir, name, kind, number(line));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (FileAlreadyExistsException e) {
            err.println("tcplab new: " + e.getFile() + ": " + e.getReason());
            return 1;
        } catch (IOException e) {
            err.println("tcplab new: " + e.getMessage());
            return 1;
        }
        lab.files().forEach(f -> out.println("created " + f));
        out.println("start here: " + lab.readme() + ", then " + lab.script());
        if (lab.kind() == Scaffold.Kind.EXERCISE) {
            out.println("run it: tcplab run --submission " + lab.folder().resolve("solution") + " " + lab.folder()
                + "   (the reference solution: every check green); students start from "
                + lab.folder().resolve("submission-template"));
        } else {
            out.println("run it: tcplab run " + lab.folder() + "   (every check green)");
        }
        out.println(Scaffold.WRITING_IT);
        return 0;
    }

    private static Integer number(CommandLine line) throws UsageError {
        String v = line.getOptionValue("number");
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageError("--number wants a whole number, not '" + v + "'");
        }
    }
}
