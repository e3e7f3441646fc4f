package dev.tcplab.lab.grade;

import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.report.Reports;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.sandbox.Isolation;
import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxLimits;
import dev.tcplab.lab.sandbox.SandboxPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Grades submissions against exercises. The lab, the model, the checks and the points run here,
 * in the grading process; a submission's code runs only in a submission process inside the
 * operating system's sandbox ({@link Sandbox}, policy REQUIRE unless submissions are trusted),
 * reached through proxies that carry plain data. Answer files are read from a private copy.
 *
 * <p>Per exercise: its checks are listed once by running it with its own {@code solution/}
 * ({@link LabDefinition}); then the lab runs with the submission and {@link Marking} scores the
 * run against that list. Compiled labs are cached in a directory private to this grader, and only
 * entries it wrote itself are loaded. One grader can grade many submissions (definitions and
 * compiled labs are reused).
 */
public final class Grader implements AutoCloseable {
    /** Grading settings. {@code named}: lab ids or folder names given explicitly (graded whatever they are). */
    public record Settings(List<Path> labs, Set<String> named, Long seed, Duration timeout, String maxHeap,
                           boolean trustSubmissions) {}

    /**
     * A whole grading request: {@code submission} is a folder (a subfolder per exercise, named like
     * the exercise's folder or id, or one folder for all); with {@code solutions} each exercise is
     * graded with its own solution/ instead (an instructor's check).
     */
    public record Request(Settings settings, Path submission, boolean solutions, Path reportsDir) {}

    /**
     * What grading found. {@code problems} are failures of the grading machine, not of the
     * submission (no sandbox, a lab whose checks cannot be listed): a run with problems must not
     * be taken as a grade. {@code warnings} are for the instructor (a reference solution that
     * fails its own lab).
     */
    public record Outcome(double score, double maxScore, boolean allPassed, Path resultsJson, RunResult run,
                          String isolation, List<String> problems, List<String> warnings) {}

    public static final String DEFAULT_HEAP = SandboxLimits.DEFAULT.heap();
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]?");

    private final Settings settings;
    private final List<Path> exercises;
    private final LabEngine engine;
    private final Path cache;
    private final Map<Path, LabDefinition> definitions = new LinkedHashMap<>();

    /** Throws IllegalArgumentException for a missing lab, no exercise to grade, or a bad heap size. */
    public Grader(Settings settings) {
        String heap = settings.maxHeap() == null ? DEFAULT_HEAP : settings.maxHeap();
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("bad heap size " + heap + " (like 384m)");
        }
        this.settings = settings;
        this.exercises = Exercises.select(settings.labs(), settings.named() == null ? Set.of() : settings.named());
        if (exercises.isEmpty()) {
            throw new IllegalArgumentException("no exercise to grade in " + settings.labs() + " (an exercise has a "
                + "solution/ or submission-template/ folder beside its .lab.kts; name a lab to grade it anyway)");
        }
        SandboxLimits limits = SandboxLimits.DEFAULT.withHeap(heap);
        Sandbox sandbox = Sandbox.of(settings.trustSubmissions() ? SandboxPolicy.TRUST : SandboxPolicy.REQUIRE, limits);
        try {
            this.cache = Files.createTempDirectory("tcplab-grade-cache-"); // private (0700), this grader's own
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.engine = new LabEngine(cache, true, sandbox);
    }

    /**
     * The exercises among {@code labs} as grading selects them (labs with a solution/ or
     * submission-template/ folder; those in {@code named} whatever they are), in order.
     */
    public static List<Path> exercisesIn(List<Path> labs, Set<String> named) {
        return Exercises.select(labs, named);
    }

    /** The labs this grader grades, in order. */
    public List<Path> exercises() {
        return exercises;
    }

    /**
     * Lists every exercise's checks and compiles its lab now (otherwise done on first use), so
     * that graders on several threads share them: what {@link BatchGrading} calls first.
     */
    public void prepare() {
        exercises.forEach(this::definition);
    }

    /** The ids of the exercises this grader grades, in order (the gradebook's columns). */
    public List<String> exerciseIds() {
        return exercises.stream().map(s -> definition(s).id()).toList();
    }

    /** Grades one request with a new grader. */
    public static Outcome grade(Request request) {
        try (Grader g = new Grader(request.settings())) {
            return g.grade(request.submission(), request.solutions(), request.reportsDir());
        }
    }

    /** Grades {@code submission} (or, with {@code solutions}, each exercise's own solution/) into {@code reportsDir}. */
    public Outcome grade(Path submission, boolean solutions, Path reportsDir) {
        if (!solutions && (submission == null || !Files.isDirectory(submission))) {
            throw new IllegalArgumentException("submission folder not found: " + submission);
        }
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<LabResult> labs = new ArrayList<>();
        for (Path script : exercises) {
            LabDefinition def = definition(script);
            def.solutionFailures().forEach(f -> warnings.add(def.id() + ": the reference solution fails " + f));
            if (def.problem() != null) {
                problems.add(def.id() + ": " + def.problem());
                labs.add(Marking.failAll(def, seed(), def.problem(), 0));
                continue;
            }
            Path folder = solutions ? script.toAbsolutePath().getParent().resolve(Exercises.SOLUTION)
                : Exercises.submissionFor(script, submission);
            if (!Files.isDirectory(folder)) {
                labs.add(Marking.failAll(def, seed(), "this exercise has no solution/ folder to grade", 0));
                problems.add(def.id() + ": no solution/ folder");
                continue;
            }
            List<String> unavailable = new ArrayList<>();
            LabResult run = run(script, folder, unavailable);
            if (!unavailable.isEmpty()) {
                String why = "the submission's code could not be run on this grading machine: " + unavailable.get(0);
                problems.add(def.id() + ": " + why);
                labs.add(Marking.failAll(def, run.seed(), why, run.wallMillis()));
            } else {
                labs.add(Marking.mark(def, run));
            }
        }
        Isolation isolation = engine.sandbox().isolation();
        String described = isolation != null ? isolation.description()
            : "none available (" + engine.sandbox().unavailable() + "); no submission code was run";
        RunResult run = new RunResult(seed(), labs, (System.nanoTime() - start) / 1_000_000, described);
        try {
            Reports.write(run, reportsDir, "grade");
            Path results = GradescopeWriter.write(run, reportsDir.resolve("results.json"));
            ClassroomWriter.write(run, !problems.isEmpty(), reportsDir.resolve("classroom.json"));
            double score = labs.stream().mapToDouble(LabResult::points).sum();
            double max = labs.stream().mapToDouble(LabResult::maxPoints).sum();
            boolean all = problems.isEmpty() && labs.stream().allMatch(l -> l.error() == null && l.checks().stream()
                .allMatch(c -> c.outcome() == dev.tcplab.lab.result.Outcome.PASSED));
            return new Outcome(score, max, all, results, run, described, List.copyOf(problems), List.copyOf(warnings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grading reports to " + reportsDir, e);
        }
    }

    /** The exercise's checks, from a run with its own solution/ (once per grader). */
    private synchronized LabDefinition definition(Path script) {
        return definitions.computeIfAbsent(script, s -> {
            Path solution = s.toAbsolutePath().getParent().resolve(Exercises.SOLUTION);
            List<String> unavailable = new ArrayList<>();
            LabResult lab;
            if (Files.isDirectory(solution)) {
                lab = run(s, solution, unavailable);
            } else {
                lab = engine.run(new RunRequest(List.of(s), settings.seed(), null, null, null, null, settings.timeout()),
                    LabListener.NONE).labs().get(0);
            }
            LabDefinition def = LabDefinition.of(lab);
            if (!unavailable.isEmpty() && def.checks().isEmpty()) {
                return new LabDefinition(def.id(), def.title(), def.script(), def.checks(),
                    "its reference solution could not be run: " + unavailable.get(0), def.solutionFailures());
            }
            return def;
        });
    }

    private LabResult run(Path script, Path submission, List<String> unavailable) {
        LabListener listener = new LabListener() {
            @Override
            public void sandboxUnavailable(String labId, String reason) {
                unavailable.add(reason);
            }
        };
        return engine.run(new RunRequest(List.of(script), settings.seed(), null, null, submission, null,
            settings.timeout()), listener).labs().get(0);
    }

    private long seed() {
        return settings.seed() == null ? 1 : settings.seed();
    }

    @Override
    public void close() {
        try (var s = Files.walk(cache)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
