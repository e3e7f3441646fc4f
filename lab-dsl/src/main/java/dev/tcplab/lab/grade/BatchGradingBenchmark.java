package dev.tcplab.lab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures a course's batch (not a test; numbers in maven-plugin/README.md): N generated
 * submissions for the bundled exercises 12 and 14, a quarter each correct (the solutions),
 * partial (two wrong answers, the template's isn.kts), broken (isn.kts does not compile, answers
 * missing) and looping (isn.kts never returns: each costs the per-call limit), graded with one
 * grader at each parallelism given; prints submissions per minute and the score distribution,
 * which must be the same at every parallelism.
 *
 * <p>Usage: {@code java -cp lab-dsl/target/tcplab.jar dev.tcplab.lab.grade.BatchGradingBenchmark
 * [LABS] [N] [P,P...]} (default labs, 200, 1,2).
 */
public final class BatchGradingBenchmark {
    private BatchGradingBenchmark() {}

    static final String PREDICT = "12-exercise-predict";
    static final String ISN = "14-exercise-isn-generator";
    static final String LOOPING = """
        import dev.tcplab.stack.tcp.Tcp
        import dev.tcplab.stack.wire.Ipv4Address
        object : Tcp.IsnHook {
            override fun isn(saddr: Ipv4Address, daddr: Ipv4Address, sport: Int, dport: Int, nowNanos: Long): Int {
                while (true) { }
            }
        }
        """;

    public static void main(String[] args) throws IOException {
        Path labs = Path.of(args.length >= 1 ? args[0] : "labs");
        int n = args.length >= 2 ? Integer.parseInt(args[1]) : 200;
        List<Integer> parallelisms = args.length >= 3
            ? java.util.Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList() : List.of(1, 2);
        Path root = generate(labs, n);
        System.out.printf(Locale.ROOT, "java %s, %d cores, %d submissions in %s%n", System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), n, root);
        Grader.Settings settings = new Grader.Settings(List.of(labs), Set.of(), null, Duration.ofSeconds(120), null, false);
        for (int p : parallelisms) {
            try (Grader grader = new Grader(settings)) {
                long t0 = System.nanoTime();
                grader.prepare();
                double prepare = (System.nanoTime() - t0) / 1e9;
                BatchGrading.Result r = BatchGrading.grade(grader, root, p, Files.createTempDirectory("tcplab-batch-out"),
                    row -> { });
                Map<String, Integer> scores = new TreeMap<>();
                r.rows().forEach(row -> scores.merge(row.graded() ? GradeTable.points(row.outcome().score()) : "not graded",
                    1, Integer::sum));
                double secs = r.wallMillis() / 1000.0;
                System.out.printf(Locale.ROOT, "parallelism %d: %d submissions in %.1f s = %.1f submissions/minute "
                    + "(checks listed and labs compiled once: %.1f s); scores %s%n", p, r.rows().size(), secs,
                    r.rows().size() / (secs / 60), prepare, scores);
            }
        }
    }

    /** N submissions, the four kinds in turn, named so that their kind shows in the gradebook. */
    static Path generate(Path labs, int n) throws IOException {
        Path root = Files.createTempDirectory("tcplab-batch-submissions");
        String answers = Files.readString(labs.resolve(PREDICT).resolve("solution/answers.properties"));
        String good = Files.readString(labs.resolve(ISN).resolve("solution/isn.kts"));
        String template = Files.readString(labs.resolve(ISN).resolve("submission-template/isn.kts"));
        String[] kinds = {"correct", "partial", "broken", "looping"};
        for (int i = 0; i < n; i++) {
            String kind = kinds[i % 4];
            Path dir = Files.createDirectories(root.resolve(String.format(Locale.ROOT, "%04d-%s", i, kind)));
            Path predict = Files.createDirectories(dir.resolve(PREDICT));
            Path isn = Files.createDirectories(dir.resolve(ISN));
            switch (kind) {
                case "correct" -> {
                    Files.writeString(predict.resolve("answers.properties"), answers);
                    Files.writeString(isn.resolve("isn.kts"), good);
                }
                case "partial" -> {
                    Files.writeString(predict.resolve("answers.properties"), answers
                        .replace("connect_errno = ETIMEDOUT", "connect_errno = ECONNREFUSED")
                        .replace("completed_connections = 3", "completed_connections = 2"));
                    Files.writeString(isn.resolve("isn.kts"), template);
                }
                case "broken" -> Files.writeString(isn.resolve("isn.kts"), "object : Tcp.IsnHook { this is not Kotlin");
                default -> {
                    Files.writeString(predict.resolve("answers.properties"), answers);
                    Files.writeString(isn.resolve("isn.kts"), LOOPING);
                }
            }
        }
        return root;
    }
}
