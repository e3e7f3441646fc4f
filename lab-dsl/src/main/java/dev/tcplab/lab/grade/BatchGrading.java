package dev.tcplab.lab.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Grades a folder of submissions, one subfolder each (as Gradescope's and GitHub Classroom's
 * exports give them), with one {@link Grader}: the exercises' checks are listed and their labs
 * compiled once, then {@code parallelism} submissions are graded at a time, each into
 * {@code REPORTS/<submission>/} (its own results.json, JUnit XML and reports), and every
 * submission becomes a row of {@code REPORTS/gradebook.csv}. One submission that breaks the
 * grading of itself (a grading-machine problem, an exception) is a row saying so; the others are
 * still graded. Each submission's code still runs in its own sandboxed process.
 */
public final class BatchGrading {
    /** One submission's grading: {@code outcome} null when it could not be graded ({@code error} says why). */
    public record Row(String submission, Grader.Outcome outcome, String error, long wallMillis) {
        /** Graded, with no problem of the grading machine: the row is a grade. */
        public boolean graded() {
            return outcome != null && outcome.problems().isEmpty();
        }
    }

    /** All rows in submission order, the gradebook written, and the wall time of the whole batch. */
    public record Result(List<Row> rows, Path gradebook, long wallMillis, int parallelism) {
        public boolean allGraded() {
            return rows.stream().allMatch(Row::graded);
        }
    }

    /** At most this many submissions at a time: each is a JVM of up to the heap cap plus a lab. */
    public static final int MAX_PARALLELISM = 64;

    private BatchGrading() {}

    /**
     * The submissions under {@code root}: its subfolders, sorted by name; hidden folders and
     * symbolic links are not submissions (a link could point anywhere on the grading machine).
     */
    public static List<Path> submissions(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("submissions folder not found (or a link): " + root);
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Grades every submission under {@code root} into {@code reportsDir}. {@code progress} hears
     * each row as it is done (from the grading threads, one at a time).
     */
    public static Result grade(Grader grader, Path root, int parallelism, Path reportsDir, Consumer<Row> progress) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ", not " + parallelism);
        }
        List<Path> subs = submissions(root);
        if (subs.isEmpty()) {
            throw new IllegalArgumentException("no submission folders in " + root + " (one subfolder per submission)");
        }
        long start = System.nanoTime();
        grader.prepare(); // list checks and compile labs once, before threads share them
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "tcplab-batch-grader");
            t.setDaemon(true);
            return t;
        });
        List<Row> rows = new ArrayList<>();
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (Path sub : subs) {
                futures.add(pool.submit(() -> {
                    Row row = gradeOne(grader, sub, reportsDir.resolve(sub.getFileName().toString()));
                    synchronized (progress) {
                        progress.accept(row);
                    }
                    return row;
                }));
            }
            for (int i = 0; i < subs.size(); i++) {
                rows.add(result(futures.get(i), subs.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        try {
            Files.createDirectories(reportsDir);
            Path book = Gradebook.write(rows, grader.exerciseIds(), reportsDir.resolve("gradebook.csv"));
            return new Result(List.copyOf(rows), book, (System.nanoTime() - start) / 1_000_000, parallelism);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gradebook to " + reportsDir, e);
        }
    }

    private static Row gradeOne(Grader grader, Path submission, Path reports) {
        long t0 = System.nanoTime();
        String name = submission.getFileName().toString();
        try {
            Grader.Outcome o = grader.grade(submission, false, reports);
            return new Row(name, o, o.problems().isEmpty() ? null : String.join("; ", o.problems()),
                (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            return new Row(name, null, "not graded: " + e, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static Row result(Future<Row> f, Path sub) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Row(sub.getFileName().toString(), null, "not graded: interrupted", 0);
        } catch (ExecutionException e) {
            return new Row(sub.getFileName().toString(), null, "not graded: " + e.getCause(), 0);
        }
    }
}
