package dev.tcplab.lab.grade;

import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Grades a student submission against labs. The submission's code runs in a forked JVM with a
 * wall-clock limit and a heap cap; the score is computed here, in the grading process, from the
 * results it receives. Writes Gradescope results.json and the usual reports.
 *
 * <p>Per lab: the checks are listed here first ({@link CheckCatalog}, without the submission);
 * then one worker JVM runs the lab with the submission and streams a token-authenticated record
 * back ({@link GradeWorker}); {@link Marking} recomputes every point from the definitions.
 */
public final class Grader {
    public record Request(List<Path> labs, Path submission, Path reportsDir, Long seed,
                          Duration timeout, String maxHeap) {}

    public record Outcome(double score, double maxScore, boolean allPassed, Path resultsJson) {}

    /**
     * How grading runs; {@link #defaults()} for real use. {@code workerMain} is the forked main
     * class (tests pass fakes), {@code classpath} the worker's class path, {@code maxOutput} the
     * bytes a worker may write on stdout or stderr, {@code sandbox} installs {@link WorkerSandbox}.
     */
    public record Setup(CheckCatalog catalog, String workerMain, List<Path> classpath, long maxOutput,
                        boolean sandbox) {
        public static Setup defaults(Duration timeout) {
            return new Setup(new EngineCatalog(timeout), GradeWorker.class.getName(),
                WorkerClasspath.of(Grader.class.getClassLoader()), 64L << 20, true);
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_HEAP = "256m";
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]?");

    private Grader() {}

    public static Outcome grade(Request request) {
        Duration timeout = request.timeout() == null ? DEFAULT_TIMEOUT : request.timeout();
        return grade(request, Setup.defaults(timeout));
    }

    /** Throws IllegalArgumentException for a missing submission or lab, or a bad heap size. */
    public static Outcome grade(Request request, Setup setup) {
        Path submission = request.submission();
        if (submission == null || !Files.isDirectory(submission)) {
            throw new IllegalArgumentException("submission directory not found: " + submission);
        }
        if (request.reportsDir() == null) {
            throw new IllegalArgumentException("no reports directory given");
        }
        String heap = request.maxHeap() == null ? DEFAULT_HEAP : request.maxHeap();
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("bad heap size " + heap + " (like 256m)");
        }
        Duration timeout = request.timeout() == null ? DEFAULT_TIMEOUT : request.timeout();
        long seed = request.seed() == null ? 1 : request.seed();
        long start = System.nanoTime();
        try {
            Path reports = request.reportsDir();
            Files.createDirectories(reports);
            List<Path> scripts = scripts(request.labs());
            List<LabDefinition> defs = setup.catalog().list(scripts, request.seed());
            List<LabResult> labs = new ArrayList<>();
            for (LabDefinition def : defs) {
                labs.add(gradeLab(def, submission.toAbsolutePath(), reports, request.seed(), seed, timeout, heap, setup));
            }
            RunResult run = new RunResult(seed, labs, (System.nanoTime() - start) / 1_000_000);
            Reports.write(run, reports);
            Path results = GradescopeWriter.write(run, reports.resolve("results.json"));
            double score = labs.stream().mapToDouble(LabResult::points).sum();
            double max = labs.stream().mapToDouble(LabResult::maxPoints).sum();
            boolean all = labs.stream().flatMap(l -> l.checks().stream())
                .allMatch(c -> c.outcome() == dev.tcplab.lab.result.Outcome.PASSED)
                && labs.stream().allMatch(l -> l.error() == null);
            return new Outcome(score, max, all, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading interrupted", e);
        }
    }

    private static LabResult gradeLab(LabDefinition def, Path submission, Path reports, Long requestedSeed,
                                      long seed, Duration timeout, String heap, Setup setup)
        throws IOException, InterruptedException {
        if (def.problem() != null) {
            return Marking.failAll(def, seed, dev.tcplab.lab.result.Outcome.ERROR, def.problem(), 0, null, 0);
        }
        Path temp = Files.createTempDirectory("tcplab-grade-");
        try {
            String token = HexFormat.of().formatHex(randomBytes());
            String stdin = "token\t" + token + "\nscript\t" + Path.of(def.script()).toAbsolutePath() + "\nsubmission\t"
                + submission + "\nseed\t" + (requestedSeed == null ? "-" : requestedSeed.toString()) + "\ntimeoutMillis\t"
                + timeout.toMillis() + "\ntempDir\t" + temp + "\nend\n";
            Map<String, String> before = snapshot(reports);
            WorkerProcess.Finished f = WorkerProcess.run(command(setup, heap, temp), temp, stdin,
                workerLimit(timeout), setup.maxOutput());
            String problem = f.problem(timeout);
            if (problem == null && !before.equals(snapshot(reports))) {
                problem = "the reports directory changed while the submission ran";
            }
            if (problem != null && !f.stderrHead().isBlank()) {
                problem += "\n--- worker stderr (first lines) ---\n" + Marking.cut(f.stderrHead().strip());
            }
            return Marking.mark(def, seed, Marking.records(f.stdout(), token), problem, f.millis());
        } finally {
            delete(temp);
        }
    }

    /** The engine's own per-lab limit should fire first; the worker gets slack for JVM start and reporting. */
    static Duration workerLimit(Duration timeout) {
        Duration slack = timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
        return timeout.plus(slack);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static List<String> command(Setup setup, String heap, Path temp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.io.tmpdir=" + temp);
        cmd.add("-Dfile.encoding=UTF-8");
        if (setup.sandbox()) {
            cmd.add("-Djava.security.manager=allow");
            cmd.add("-Dtcplab.sandbox=true");
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, setup.classpath().stream().map(Path::toString).toList()));
        cmd.add(setup.workerMain());
        return cmd;
    }

    /** *.lab.kts files, directories searched recursively, in a stable order. */
    static List<Path> scripts(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".lab.kts") && Files.isRegularFile(p))
                        .filter(p -> !underSubmissionFolder(in.relativize(p)))
                        .sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(in)) {
                out.add(in);
            } else {
                throw new IllegalArgumentException("lab not found: " + in);
            }
        }
        return out;
    }

    /** A lab's solution/ and submission-template/ are submissions, never labs (as lab:run sees it). */
    private static boolean underSubmissionFolder(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("solution") || part.toString().equals("submission-template")) {
                return true;
            }
        }
        return false;
    }

    /** Path, size and modification time of every file under dir: a worker writing there shows up. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                m.put(dir.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return m;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
