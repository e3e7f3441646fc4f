package dev.tcplab.lab.engine;

import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what a student waits for (not a test; see lab-dsl/README.md):
 * <ol>
 *   <li>a new JVM with an empty script cache: the first lab (compiler warm-up) and the later ones;</li>
 *   <li>a second new JVM on the filled cache: the first lab (host start-up, jar load) and the later ones.</li>
 * </ol>
 * Usage: {@code java -cp lab-dsl/target/tcplab.jar dev.tcplab.lab.engine.EngineBenchmark [LABS]}
 * (default 10 generated labs). Each phase runs in a child JVM with this JVM's classpath.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--child")) {
            child(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        int labs = args.length >= 1 ? Integer.parseInt(args[0]) : 10;
        Path work = Files.createTempDirectory("tcplab-bench");
        Path labDir = Files.createDirectories(work.resolve("labs"));
        Path cache = work.resolve("cache");
        for (int i = 0; i < labs; i++) {
            Files.writeString(labDir.resolve(String.format(Locale.ROOT, "bench-%02d.lab.kts", i)), lab(i));
        }
        System.out.printf("%d generated labs in %s; java %s%n", labs, labDir, System.getProperty("java.version"));
        phase("cold: new JVM, empty cache", labDir, cache);
        phase("cached: new JVM, filled cache", labDir, cache);
    }

    /** A lab of ordinary size: steps, checks, clock moves, assertions. Text differs per lab, so no cache sharing. */
    static String lab(int i) {
        StringBuilder s = new StringBuilder("title = \"Benchmark lab " + i + "\"\nseed = " + i + "\n");
        for (int c = 0; c < 10; c++) {
            s.append("step(\"step ").append(c).append("\") {\n")
             .append("    check(\"check ").append(c).append("\", points = 1.5) {\n")
             .append("        at(").append(c + 1).append("00.ms) { now shouldBeAbout ").append(c + 1).append("00.ms }\n")
             .append("        listOf(1, ").append(i).append(", 3) shouldContainInOrder listOf(1, 3)\n")
             .append("        eventually(within = 10.ms) { (now >= ").append(c + 1).append("00.ms) shouldBe true }\n")
             .append("    }\n}\n");
        }
        return s.toString();
    }

    private static void phase(String name, Path labs, Path cache) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            EngineBenchmark.class.getName(), "--child", labs.toString(), cache.toString()).inheritIO();
        long t0 = System.nanoTime();
        int status = pb.start().waitFor();
        System.out.printf("%s: whole process %d ms (exit %d)%n%n", name, (System.nanoTime() - t0) / 1_000_000, status);
    }

    private static void child(Path labs, Path cache) {
        long[] start = new long[1];
        List<Long> millis = new ArrayList<>();
        long t0 = System.nanoTime();
        RunResult run = new LabEngine(cache).run(new RunRequest(List.of(labs), null, null, null, null, null, null),
            new LabListener() {
                @Override public void labStarted(String id, String script) { start[0] = System.nanoTime(); }
                @Override public void labFinished(LabResult r) { millis.add((System.nanoTime() - start[0]) / 1_000_000); }
            });
        long total = (System.nanoTime() - t0) / 1_000_000;
        long[] later = millis.subList(1, millis.size()).stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  first lab %d ms; later labs median %d ms, max %d ms (n=%d); engine.run %d ms; all passed %s%n",
            millis.get(0), later.length == 0 ? 0 : later[later.length / 2], later.length == 0 ? 0 : later[later.length - 1],
            later.length, total, run.labs().stream().allMatch(l -> l.outcome() == Outcome.PASSED));
        System.out.println("  per lab ms: " + Arrays.toString(millis.toArray()));
    }
}
