package dev.tcplab.lab.cli;

import dev.tcplab.lab.engine.LabEngine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** `tcplab`: the lab engine without Maven. Sub-commands run, list, grade, new, help. */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** {@code engine} is asked for only when labs run, so `list` and `help` start instantly. */
    public Main(Supplier<LabEngine> engine, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        for (Command c : new Command[] {new RunCommand(engine, out), new ListCommand(out),
                new GradeCommand(out, err), new NewCommand(out, err), new PacketdrillCommand(out),
                new AutograderCommand(out), new ClassroomCommand(out), new NewCourseCommand(out)}) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new Main(LabEngine::new, out, err).run(args));
    }

    /** Runs one command line; returns the exit status. */
    public int run(String... args) {
        if (args.length == 0) {
            overview(err);
            return USAGE;
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (name) {
            case "-h", "--help" -> {
                overview(out);
                return OK;
            }
            case "-V", "--version" -> {
                out.println("tcplab " + LabEngine.VERSION);
                return OK;
            }
            case "help" -> {
                return help(rest);
            }
            default -> { }
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("tcplab: unknown command '" + name + "'");
            err.println("Commands: " + String.join(", ", commands.keySet()) + ". Try 'tcplab --help'.");
            return USAGE;
        }
        Options options = command.options().addOption(Args.option("h", "help", null, "show this help"));
        try {
            CommandLine line = DefaultParser.builder().get().parse(options, rest);
            if (line.hasOption("help")) {
                describe(command, out);
                return OK;
            }
            return command.run(line);
        } catch (ParseException | UsageError e) {
            err.println("tcplab " + name + ": " + e.getMessage());
            err.println("Usage: tcplab " + command.usage() + "   (see 'tcplab help " + name + "')");
            return USAGE;
        }
    }

    private int help(String[] rest) {
        if (rest.length == 0) {
            overview(out);
            return OK;
        }
        Command command = commands.get(rest[0]);
        if (command == null) {
            err.println("tcplab help: no command '" + rest[0] + "'; commands: " + String.join(", ", commands.keySet()));
            return USAGE;
        }
        describe(command, out);
        return OK;
    }

    private void overview(PrintStream to) {
        to.println("tcplab " + LabEngine.VERSION + " - run and grade TCP/IP lab scripts (*.lab.kts) in virtual time");
        to.println();
        to.println("Usage: tcplab <command> [options] [arguments]");
        to.println();
        to.println("Commands:");
        String format = "  %-" + commands.keySet().stream().mapToInt(String::length).max().orElse(4) + "s %s%n";
        commands.values().forEach(c -> to.printf(format, c.name(), c.summary()));
        to.printf(format, "help", "show a command's options: tcplab help run");
        to.println();
        to.println("Exit status: 0 every check passed, 1 a check failed or a lab errored, 2 usage error.");
    }

    private static void describe(Command command, PrintStream to) {
        to.println("Usage: tcplab " + command.usage());
        to.println(Character.toUpperCase(command.summary().charAt(0)) + command.summary().substring(1) + ".");
        to.println();
        to.println("Options:");
        Options options = command.options();
        int width = options.getOptions().stream().mapToInt(o -> flags(o).length()).max().orElse(0);
        for (Option o : options.getOptions()) {
            to.printf("  %-" + width + "s  %s%n", flags(o), o.getDescription());
        }
        to.printf("  %-" + width + "s  %s%n", "-h, --help", "show this help");
        if (!command.details().isEmpty()) {
            to.println();
            to.println(command.details());
        }
    }

    private static String flags(Option o) {
        // an option without a short name is indented like one that has it: "    --solutions"
        return (o.getOpt() == null ? "    --" : "-" + o.getOpt() + ", --") + o.getLongOpt()
            + (o.hasArg() ? " " + o.getArgName() : "");
    }
}
