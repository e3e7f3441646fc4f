package dev.tcplab.lab.report;

import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes every report of a run under one directory (target/lab-reports by convention):
 * per lab an HTML page with the ladder diagram, the pcaps, the kernel trace, a JSON result;
 * across labs Surefire TEST-*.xml and a summary. Used by the CLI and the Maven plugin alike.
 */
public final class Reports {
    private Reports() {}

    public static void write(RunResult run, Path dir) throws IOException {
        throw new UnsupportedOperationException("reports: TODO");
    }
}
