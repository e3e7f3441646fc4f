package dev.tcplab.lab.grade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One forked grading JVM: started, fed its request, watched. Output is bounded: stdout is kept
 * up to {@code maxOutput} bytes, stderr's first 16 KiB are kept and the rest counted; more than
 * {@code maxOutput} on either stream stops the worker (a flood never fills memory or disk). The
 * wall-clock limit kills the whole process tree.
 */
final class WorkerProcess {
    static final int STDERR_KEPT = 16 * 1024;

    /** What came back. {@code exitCode} is null when the worker was killed. */
    record Finished(Integer exitCode, boolean timedOut, boolean flooded, byte[] stdout, String stderrHead,
                    long stderrBytes, long millis) {
        boolean normal() {
            return exitCode != null && exitCode == 0 && !timedOut && !flooded;
        }

        String problem(Duration limit) {
            if (timedOut) {
                return "the grading worker was stopped at the time limit (" + limit.toMillis() / 1000.0 + " s wall clock)";
            }
            if (flooded) {
                return "the grading worker was stopped: it wrote too much output";
            }
            if (exitCode == null || exitCode != 0) {
                String why = exitCode != null && exitCode == 3 ? " (out of memory)" : "";
                return "the grading worker exited abnormally with status " + exitCode + why;
            }
            return null;
        }
    }

    private WorkerProcess() {}

    static Finished run(List<String> command, Path workDir, String stdin, Duration limit, long maxOutput)
        throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Process p = pb.start();
        Capture out = new Capture(p.getInputStream(), maxOutput, Integer.MAX_VALUE, p);
        Capture err = new Capture(p.getErrorStream(), maxOutput, STDERR_KEPT, p);
        out.start();
        err.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException workerGone) {
            // a worker that dies at once closes its stdin; its exit status tells the story
        }
        boolean exited = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            killTree(p);
        }
        out.join(10_000);
        err.join(10_000);
        if (out.isAlive() || err.isAlive()) {
            // a grandchild we could not see still holds the pipes: close them from our side
            killTree(p);
            p.getInputStream().close();
            p.getErrorStream().close();
        }
        Integer code = null;
        if (exited && !out.flooded && !err.flooded) {
            code = p.exitValue();
        }
        return new Finished(code, !exited && !out.flooded && !err.flooded, out.flooded || err.flooded,
            out.kept.toByteArray(), err.kept.toString(StandardCharsets.UTF_8), err.total,
            (System.nanoTime() - start) / 1_000_000);
    }

    static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        p.toHandle().descendants().forEach(tree::add);
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains one stream, keeping at most {@code keep} bytes; past {@code limit} it stops the worker. */
    private static final class Capture extends Thread {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        volatile boolean flooded;
        long total;
        private final InputStream in;
        private final long limit;
        private final int keep;
        private final Process process;

        Capture(InputStream in, long limit, int keep, Process process) {
            this.in = in;
            this.limit = limit;
            this.keep = keep;
            this.process = process;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    total += n;
                    if (total > limit) {
                        flooded = true;
                        killTree(process);
                        return;
                    }
                    int room = keep - kept.size();
                    if (room > 0) {
                        kept.write(buf, 0, Math.min(room, n));
                    }
                }
            } catch (IOException closed) {
                // the worker was killed, or we closed the pipe
            }
        }
    }
}
