package dev.tcplab.maven;

import dev.tcplab.lab.console.ConsoleLines;
import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:run}: runs the labs, prints a line per check, writes target/lab-reports and
 * fails the build when a lab fails (unless lab.failOnFailure=false). Bound to {@code verify}
 * when declared in a lifecycle.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class RunMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** Where the labs are; default src/labs when present, else labs. */
    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    /** Run only this lab (its id, or its folder's name). */
    @Parameter(property = "lab")
    String lab;

    /** Run only checks of this name. */
    @Parameter(property = "lab.check")
    String check;

    /** Overrides every lab's seed. */
    @Parameter(property = "lab.seed")
    Long seed;

    @Parameter(property = "lab.skip", defaultValue = "false")
    boolean skip;

    /** Wall-clock limit per lab: 90, 90s, 1500ms, 2m. */
    @Parameter(property = "lab.timeout")
    String timeout;

    @Parameter(property = "lab.failOnFailure", defaultValue = "true")
    boolean failOnFailure;

    @Parameter(property = "lab.reportsDirectory", defaultValue = "${project.build.directory}/lab-reports")
    File reportsDirectory;

    /** A student's submission the labs read (answers.properties, implementations). */
    @Parameter(property = "submission")
    File submission;

    /** Globs relative to the labs directory; default **&#47;*.lab.kts. */
    @Parameter
    List<String> includes;

    /** Globs relative to the labs directory, besides solution and submission-template folders (always excluded). */
    @Parameter
    List<String> excludes;

    /**
     * Without a submission, run each lab that has a {@code solution/} folder beside it against that
     * reference solution: how an instructor (or CI) checks that exercises pass.
     */
    @Parameter(property = "lab.solutions", defaultValue = "false")
    boolean solutions;

    /** Labs run in parallel by this many engines (threads in this JVM). */
    @Parameter(property = "lab.forks", defaultValue = "1")
    int forks;

    /** Compiled-script cache, keyed by script text and engine version (shared across projects). */
    @Parameter(property = "lab.cacheDirectory", defaultValue = "${user.home}/.cache/tcplab/scripts")
    File cacheDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Labs skipped (lab.skip)");
            return;
        }
        LibraryLogging.quiet();
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        List<Path> scripts;
        Duration limit;
        try {
            scripts = LabScripts.find(dir, includes, excludes, lab);
            limit = LabScripts.duration(timeout);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (scripts.isEmpty()) {
            if (lab != null) {
                throw new MojoFailureException("No lab named " + lab + " under " + dir);
            }
            getLog().info("No labs under " + dir);
            return;
        }
        RunResult run;
        try {
            run = run(scripts, limit, new ConsoleListener(getLog(), scripts.size()));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("The lab engine failed: " + e, e);
        }
        try {
            Reports.write(run, reportsDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the reports to " + reportsDirectory + ": " + e.getMessage(), e);
        }
        if (run.isolation() != null) {
            getLog().info("Isolation of submission code: " + run.isolation());
        }
        getLog().info("Reports: " + reportsDirectory.toPath().resolve("index.html"));
        // one last line, as the CLI's: every failure was printed in full as it happened; this names
        // them, and as the build failure's message it survives `mvn -q`
        String summary = ConsoleLines.summary(run);
        if (run.allPassed()) {
            getLog().info(summary);
        } else if (failOnFailure) {
            throw new MojoFailureException(summary + "; reports: " + reportsDirectory.toPath().resolve("index.html"));
        } else {
            getLog().warn(summary);
        }
    }

    /** The submission a lab runs with: the one given, else (with lab.solutions) its solution/ folder, else none. */
    Path submissionFor(Path script) {
        if (submission != null) {
            return submission.toPath();
        }
        Path solution = script.toAbsolutePath().getParent().resolve("solution");
        return solutions && Files.isDirectory(solution) ? solution : null;
    }

    /** Each lab on its own request (its own submission); one engine per thread, so the compiler warms up once per thread. */
    private RunResult run(List<Path> scripts, Duration limit, LabListener listener) throws MojoExecutionException {
        long start = System.nanoTime();
        int threads = Math.max(1, Math.min(forks, scripts.size()));
        ThreadLocal<LabEngine> engines = ThreadLocal.withInitial(() -> new LabEngine(cacheDirectory.toPath()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lab-engine");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> parts = new ArrayList<>();
            for (Path script : scripts) {
                RunRequest request = new RunRequest(List.of(script), seed, null, check, submissionFor(script), null, limit);
                parts.add(pool.submit(() -> engines.get().run(request, listener)));
            }
            List<LabResult> labs = new ArrayList<>();
            long runSeed = seed == null ? 1 : seed;
            String isolation = null;
            for (Future<RunResult> f : parts) {
                RunResult r = f.get();
                labs.addAll(r.labs());
                runSeed = r.seed();
                isolation = isolation != null ? isolation : r.isolation();
            }
            return new RunResult(runSeed, labs, (System.nanoTime() - start) / 1_000_000, isolation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new MojoExecutionException("the lab engine failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
