package dev.tcplab.lab.cli;

import dev.tcplab.lab.console.ConsoleLines;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import java.io.PrintStream;

/** Prints a run as it happens, in the format the Maven plugin prints too ({@link ConsoleLines}). */
final class Console implements LabListener {
    private final PrintStream out;
    private final int total;
    private int index;

    Console(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void labStarted(String id, String script) {
        index++;
        out.println(ConsoleLines.labStarted(index, total, id, script));
    }

    @Override
    public void checkFinished(String labId, CheckResult c) {
        ConsoleLines.check(c).forEach(out::println);
    }

    @Override
    public void labFinished(LabResult lab) {
        ConsoleLines.labFinished(lab).forEach(out::println);
    }

    void summary(RunResult run) {
        out.println(ConsoleLines.summary(run));
    }
}
