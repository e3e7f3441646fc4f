package dev.tcplab.lab.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One `tcplab` sub-command: its options, its help, and what it does. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The synopsis after `tcplab`, e.g. `run [options] FILES|DIRS...`. */
    String usage();

    /** Paragraphs after the option list (examples, exit status). */
    default String details() {
        return "";
    }

    Options options();

    /** Exit status: 0 all well, 1 a check/lab failed, 2 usage error ({@link UsageError}). */
    int run(CommandLine line) throws UsageError;
}
