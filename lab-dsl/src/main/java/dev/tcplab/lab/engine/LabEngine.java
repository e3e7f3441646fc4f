package dev.tcplab.lab.engine;

import dev.tcplab.lab.dsl.LabContext;
import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxLimits;
import dev.tcplab.lab.sandbox.SandboxPolicy;
import dev.tcplab.lab.script.ScriptCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles and runs lab scripts. Shared by the CLI and the Maven plugin: both are thin
 * shells over this call. Never throws for a bad lab: a lab that fails to compile, throws,
 * loops or exhausts memory becomes an ERROR result and the others still run.
 */
public final class LabEngine {
    /**
     * The toolkit's version: the Maven project's (tcplab-version.properties, filtered by the build).
     * Part of the compiled-script cache key, with every classpath entry's build stamp, so a
     * rebuilt DSL never loads a stale compiled script even within one version.
     */
    public static final String VERSION = ToolkitVersion.read();

    /** Per-lab wall-clock limit when the request has none and -Dtcplab.timeout (seconds) is unset. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path cacheDir;
    private final boolean verifiedCache;
    private final Sandbox sandbox;
    private ScriptCompiler compiler; // created on first run: the host is heavy

    /** Caches compiled scripts in -Dtcplab.cache or ~/.cache/tcplab/scripts. */
    public LabEngine() {
        this(ScriptCompiler.defaultCacheDir());
    }

    /**
     * Caches compiled scripts in {@code cacheDir}; a submission's code runs in the operating
     * system's sandbox where this machine has one, else in a plain separate process (a student's
     * own run of their own code).
     */
    public LabEngine(Path cacheDir) {
        this(cacheDir, false, Sandbox.of(SandboxPolicy.PREFER, SandboxLimits.DEFAULT));
    }

    /**
     * Full control, as grading uses it: {@code verifiedCache} loads only compiled scripts this
     * engine wrote itself; {@code sandbox} is where submission code runs.
     */
    public LabEngine(Path cacheDir, boolean verifiedCache, Sandbox sandbox) {
        this.cacheDir = cacheDir;
        this.verifiedCache = verifiedCache;
        this.sandbox = sandbox;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * Runs every lab the request names, in a deterministic order. Throws IllegalArgumentException
     * only for a request that names a missing file or a file that is not a lab script.
     */
    public RunResult run(RunRequest request, LabListener listener) {
        long started = System.nanoTime();
        LabRun lab = new LabRun(compiler(), sandbox, request, timeout(request), listener);
        List<LabResult> results = new ArrayList<>();
        for (Path file : LabFiles.find(request.inputs())) {
            if (request.onlyLab() == null || request.onlyLab().equals(LabFiles.id(file))) {
                results.add(lab.run(file));
            }
        }
        long seed = request.seed() != null ? request.seed() : LabContext.DEFAULT_SEED;
        // a run with a submission says how its code was (or would have been) isolated
        String isolation = request.submission() == null ? null
            : sandbox.isolation() != null ? sandbox.isolation().description() : "none available: " + sandbox.unavailable();
        RunResult result = new RunResult(seed, List.copyOf(results), (System.nanoTime() - started) / 1_000_000, isolation);
        if (request.reportsDir() != null) {
            writeReports(result, request.reportsDir());
        }
        return result;
    }

    private static void writeReports(RunResult result, Path dir) {
        try {
            Reports.write(result, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + dir, e);
        }
    }

    private synchronized ScriptCompiler compiler() {
        if (compiler == null) {
            compiler = new ScriptCompiler(cacheDir, verifiedCache);
        }
        return compiler;
    }

    static Duration timeout(RunRequest request) {
        if (request.labTimeout() != null) {
            return request.labTimeout();
        }
        String seconds = System.getProperty("tcplab.timeout");
        return seconds != null ? Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000)) : DEFAULT_TIMEOUT;
    }
}
