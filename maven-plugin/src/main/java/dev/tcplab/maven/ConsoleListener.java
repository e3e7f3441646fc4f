package dev.tcplab.maven;

import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import org.apache.maven.plugin.logging.Log;

/** A line per check and per lab on Maven's console; failures at warning level so they stand out. */
final class ConsoleListener implements LabListener {
    private final Log log;

    ConsoleListener(Log log) {
        this.log = log;
    }

    @Override
    public synchronized void labStarted(String id, String script) {
        log.info("Lab " + id + " (" + script + ")");
    }

    @Override
    public synchronized void checkFinished(String labId, CheckResult check) {
        String line = Reports.checkLine(check);
        if (check.outcome() == Outcome.PASSED || check.outcome() == Outcome.SKIPPED) {
            log.info(line);
        } else {
            log.warn(line);
        }
    }

    @Override
    public synchronized void labFinished(LabResult lab) {
        String line = String.format(java.util.Locale.ROOT, "%s %s: %s/%s points in %d ms", lab.outcome(), lab.id(),
            num(lab.points()), num(lab.maxPoints()), lab.wallMillis());
        if (lab.error() != null) {
            String where = lab.errorLocation() == null ? "" : lab.errorLocation().toString();
            // the engine's message often names the place already
            log.error(lab.id() + ": " + lab.error() + (where.isEmpty() || lab.error().contains(where) ? "" : " (" + where + ")"));
        }
        for (String w : lab.warnings()) {
            log.warn(lab.id() + ": warning: " + w);
        }
        if (lab.outcome() == Outcome.PASSED || lab.outcome() == Outcome.SKIPPED) {
            log.info(line);
        } else {
            log.warn(line);
        }
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
