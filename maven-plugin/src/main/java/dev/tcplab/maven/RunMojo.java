package dev.tcplab.maven;

import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.File;
import java.io.IOException;
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

    /** Labs run in parallel by this many engines. */
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
            run = run(scripts, limit, new ConsoleListener(getLog()));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("The lab engine failed: " + e, e);
        }
        try {
            Reports.write(run, reportsDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the reports to " + reportsDirectory + ": " + e.getMessage(), e);
        }
        for (String line : Reports.summary(run).split("\n")) {
            getLog().info(line);
        }
        getLog().info("Reports: " + reportsDirectory.toPath().resolve("index.html"));
        long failed = run.labs().stream().filter(l -> l.outcome() == Outcome.FAILED || l.outcome() == Outcome.ERROR).count();
        if (failed > 0) {
            String msg = failed + " of " + run.labs().size() + " lab(s) failed; see " + reportsDirectory.toPath().resolve("index.html");
            if (failOnFailure) {
                throw new MojoFailureException(msg);
            }
            getLog().warn(msg);
        }
    }

    private RunResult run(List<Path> scripts, Duration limit, LabListener listener) throws MojoExecutionException {
        Path sub = submission == null ? null : submission.toPath();
        if (forks <= 1 || scripts.size() == 1) {
            return new LabEngine(cacheDirectory.toPath()).run(new RunRequest(scripts, seed, null, check, sub, null, limit), listener);
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, scripts.size()));
        try {
            List<Future<RunResult>> parts = new ArrayList<>();
            for (Path script : scripts) {
                parts.add(pool.submit(() -> new LabEngine(cacheDirectory.toPath()).run(
                    new RunRequest(List.of(script), seed, null, check, sub, null, limit), listener)));
            }
            List<LabResult> labs = new ArrayList<>();
            long runSeed = seed == null ? 1 : seed;
            for (Future<RunResult> f : parts) {
                RunResult r = f.get();
                labs.addAll(r.labs());
                runSeed = r.seed();
            }
            return new RunResult(runSeed, labs, (System.nanoTime() - start) / 1_000_000);
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
