package dev.tcplab.maven;

import dev.tcplab.lab.console.ConsoleLines;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * The CLI's console lines ({@link ConsoleLines}) on Maven's log: what passed at info, what did not
 * at warning so it stands out. Each failure is printed here once in full; the Mojo's last line
 * only names it.
 */
final class ConsoleListener implements LabListener {
    private final Log log;
    private final int total;
    private int index;

    ConsoleListener(Log log, int total) {
        this.log = log;
        this.total = total;
    }

    @Override
    public synchronized void labStarted(String id, String script) {
        index++;
        log.info(ConsoleLines.labStarted(index, total, id, script));
    }

    @Override
    public synchronized void checkFinished(String labId, CheckResult check) {
        print(ConsoleLines.check(check), check.outcome());
    }

    @Override
    public synchronized void labFinished(LabResult lab) {
        print(ConsoleLines.labFinished(lab), lab.outcome());
    }

    private void print(List<String> lines, Outcome outcome) {
        boolean ok = outcome == Outcome.PASSED || outcome == Outcome.SKIPPED;
        for (String line : lines) {
            if (ok && !line.startsWith("  ⚠")) {
                log.info(line);
            } else {
                log.warn(line);
            }
        }
    }
}
