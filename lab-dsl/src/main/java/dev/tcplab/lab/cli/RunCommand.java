package dev.tcplab.lab.cli;

import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabFiles;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.result.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab run`: the engine over files and folders, printed as it goes. */
final class RunCommand implements Command {
    private final Supplier<LabEngine> engine;
    private final PrintStream out;

    RunCommand(Supplier<LabEngine> engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    @Override public String name() { return "run"; }

    @Override public String summary() { return "run labs in virtual time and print a line per check"; }

    @Override public String usage() { return "run [options] FILES|DIRS..."; }

    @Override
    public String details() {
        return """
            Folders are searched recursively for *.lab.kts, in sorted order.
            Examples:
              tcplab run labs/
              tcplab run --lab syn-flood --seed 7 labs/
              tcplab run --only "three-way" --reports target/lab-reports handshake.lab.kts
            Exit status: 0 every check passed, 1 a check failed or a lab errored, 2 usage error.""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("s", "seed", "N", "seed for every lab (overrides each lab's own seed)"))
            .addOption(Args.option("r", "reports", "DIR", "write reports (HTML, pcap, JSON, JUnit XML) under DIR"))
            .addOption(Args.option("o", "only", "CHECK", "run only checks whose name contains CHECK; skip the others"))
            .addOption(Args.option("l", "lab", "NAME", "run only the lab NAME (its file name without .lab.kts)"))
            .addOption(Args.option("t", "timeout", "SECONDS", "wall-clock limit per lab (default 60, -Dtcplab.timeout)"))
            .addOption(Args.option("u", "submission", "DIR", "a student submission the labs may read"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        List<Path> inputs = Args.paths(line, "lab file or folder");
        String onlyLab = line.getOptionValue("lab");
        List<Path> labs;
        try {
            labs = LabFiles.find(inputs);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (onlyLab != null) {
            labs = labs.stream().filter(p -> LabFiles.id(p).equals(onlyLab)).toList();
        }
        if (labs.isEmpty()) {
            throw new UsageError(onlyLab != null ? "no lab named '" + onlyLab + "' in " + inputs
                : "no lab scripts (*.lab.kts) in " + inputs);
        }
        RunRequest request = new RunRequest(inputs, Args.seed(line), onlyLab, line.getOptionValue("only"),
            Args.path(line, "submission"), Args.path(line, "reports"), Args.timeout(line));
        Console console = new Console(out, labs.size());
        RunResult result = engine.get().run(request, console);
        console.summary(result);
        return result.allPassed() ? 0 : 1;
    }
}
