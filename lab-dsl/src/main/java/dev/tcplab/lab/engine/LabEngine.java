package dev.tcplab.lab.engine;

import dev.tcplab.lab.result.RunResult;

/**
 * Compiles and runs lab scripts. Shared by the CLI and the Maven plugin: both are thin
 * shells over this call. Never throws for a bad lab: a lab that fails to compile, throws,
 * loops or exhausts memory becomes an ERROR result and the others still run.
 */
public final class LabEngine {
    /** Bumped whenever the DSL changes, so cached compiled scripts are not reused across versions. */
    public static final String VERSION = "0.1.0";

    public RunResult run(RunRequest request, LabListener listener) {
        throw new UnsupportedOperationException("engine: TODO");
    }
}
