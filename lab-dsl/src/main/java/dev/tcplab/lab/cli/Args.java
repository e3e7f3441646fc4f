package dev.tcplab.lab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Typed option values shared by the commands, each bad value a {@link UsageError}. */
final class Args {
    private Args() {}

    static Option option(String shortName, String longName, String argName, String description) {
        Option.Builder b = Option.builder(shortName).longOpt(longName).desc(description);
        if (argName != null) {
            b.hasArg().argName(argName);
        }
        return b.get();
    }

    static Long seed(CommandLine line) throws UsageError {
        String v = line.getOptionValue("seed");
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageError("--seed wants a whole number, not '" + v + "'");
        }
    }

    static Duration timeout(CommandLine line) throws UsageError {
        String v = line.getOptionValue("timeout");
        if (v == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(v);
            if (!(seconds > 0)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new UsageError("--timeout wants a positive number of seconds, not '" + v + "'");
        }
    }

    static Path path(CommandLine line, String name) {
        String v = line.getOptionValue(name);
        return v == null ? null : Path.of(v);
    }

    static List<Path> paths(CommandLine line, String what) throws UsageError {
        if (line.getArgList().isEmpty()) {
            throw new UsageError("give at least one " + what);
        }
        return line.getArgList().stream().map(Path::of).toList();
    }
}
