package dev.tcplab.lab.grade;

import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxLimits;
import dev.tcplab.lab.sandbox.SandboxPolicy;
import dev.tcplab.lab.sandbox.SubmissionCopy;
import dev.tcplab.lab.sandbox.SubmissionProcess;
import dev.tcplab.lab.sandbox.WaitClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures grading (not a test; numbers in lab-dsl/README.md):
 * <ol>
 *   <li>one submission for every exercise under LABS (each graded with its own solution/), cold
 *       (a new grader in this JVM: definitions, lab compiles, sandbox probe) and warm (the same
 *       grader again, as when a course grades many submissions);</li>
 *   <li>the sandbox's own cost per submission: starting a submission process until it is ready,
 *       in bubblewrap versus as a plain process (the JVM start is in both; the difference is the
 *       sandbox's), median of N.</li>
 * </ol>
 * Usage: {@code java -cp lab-dsl/target/tcplab.jar dev.tcplab.lab.grade.GradingBenchmark [LABS] [N]}
 * (default ../labs relative to lab-dsl, i.e. labs/, and 7).
 */
public final class GradingBenchmark {
    private GradingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path labs = Path.of(args.length >= 1 ? args[0] : "labs");
        int n = args.length >= 2 ? Integer.parseInt(args[1]) : 7;
        System.out.printf("java %s, %d cores, labs %s%n", System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), labs.toAbsolutePath());
        Grader.Settings settings = new Grader.Settings(List.of(labs), Set.of(), null, Duration.ofSeconds(120), null, false);
        try (Grader grader = new Grader(settings)) {
            Path out = Files.createTempDirectory("tcplab-grade-bench");
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Grader.Outcome o = grader.grade(null, true, out.resolve("run" + i));
                System.out.printf("%s: %d exercises, %s/%s points in %.2f s%n", i == 0 ? "cold" : "warm",
                    o.run().labs().size(), GradeTable.points(o.score()), GradeTable.points(o.maxScore()),
                    (System.nanoTime() - t0) / 1e9);
            }
        }
        Path empty = Files.createTempDirectory("tcplab-empty-submission");
        for (SandboxPolicy policy : List.of(SandboxPolicy.REQUIRE, SandboxPolicy.TRUST)) {
            Sandbox sandbox = Sandbox.of(policy, SandboxLimits.DEFAULT);
            if (sandbox.isolation() == null) {
                System.out.println(policy + ": no sandbox here: " + sandbox.unavailable());
                continue;
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < n + 1; i++) {
                SubmissionCopy copy = sandbox.copy(empty);
                long t0 = System.nanoTime();
                try (SubmissionProcess p = sandbox.start(copy, new WaitClock())) {
                    if (i > 0) { // the first pays for staging and the probe
                        ms.add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
            Collections.sort(ms);
            System.out.printf(Locale.ROOT, "%-8s start to ready: median %.0f ms (min %.0f, max %.0f) - %s%n", policy,
                ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), sandbox.isolation().kind());
        }
    }
}
