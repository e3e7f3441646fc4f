package dev.tcplab.lab.cli;

/** The command line is wrong: print the reason and a pointer to help, exit 2. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }
}
