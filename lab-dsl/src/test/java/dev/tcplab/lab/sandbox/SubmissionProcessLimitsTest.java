package dev.tcplab.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A submission's start, load and call limits are CPU time of its process tree, with a wall-time
 * backstop: waiting (or being starved by a loaded machine) is not work, and work done by child
 * processes counts. Plain shell commands stand in for the sandboxed JVM: the limits are the
 * same for both.
 */
class SubmissionProcessLimitsTest {
    /** A READY frame on stdout, as the submission process's toolkit side writes it. */
    private static final String READY = "printf '\\000\\000\\000\\001R'";

    private static SandboxLimits limits(int startSeconds, int wallFactor) {
        Duration start = Duration.ofSeconds(startSeconds);
        return SandboxLimits.DEFAULT.withTimes(start, start, start, start.multipliedBy(3), wallFactor);
    }

    @Test
    void waitingLongerThanTheCpuLimitIsNotWork() {
        // 2 s of wall time before READY against a 1 s limit: it used no CPU, so it starts
        WaitClock waiting = new WaitClock();
        try (SubmissionProcess p = SubmissionProcess.start(List.of("sh", "-c", "sleep 2; " + READY + "; sleep 60"),
                limits(1, 10), waiting)) {
            assertTrue(p.alive());
            assertTrue(waiting.nanos() >= 2_000_000_000L, "the wait is counted for the lab's clock: " + waiting.nanos());
        }
    }

    @Test
    void aProcessThatOnlyWaitsIsStoppedAtTheWallBackstop() {
        SandboxUnavailable e = assertThrows(SandboxUnavailable.class,
            () -> SubmissionProcess.start(List.of("sh", "-c", "sleep 60"), limits(1, 2), new WaitClock()));
        assertTrue(e.getMessage().contains("it did not start within 2.0 s of wall time (2 × its 1.0 s CPU limit)"),
            e.getMessage());
    }

    @Test
    void cpuOfEveryProcessInTheTreeCounts() {
        // two spinning children, the shell itself idle in wait: only the tree's sum can reach the limit
        // long before the 60 s backstop
        String spin = "sh -c 'while :; do :; done'";
        SandboxUnavailable e = assertThrows(SandboxUnavailable.class, () -> SubmissionProcess.start(
            List.of("sh", "-c", spin + " & " + spin + " & wait"), limits(1, 60), new WaitClock()));
        assertTrue(e.getMessage().contains("it did not start within 1.0 s of CPU time"), e.getMessage());
    }

    @Test
    void waitingIsBoundedInAllByTheTotalsWallBackstop() {
        // every load waits 2 s (no CPU): each is within its own 3 s backstop (1 s × 3), but together
        // they may not stretch the grading past the total's 9 s (3 s × 3), start included
        Duration one = Duration.ofSeconds(1);
        SandboxLimits limits = SandboxLimits.DEFAULT.withTimes(Duration.ofSeconds(5), one, one, Duration.ofSeconds(3), 3);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), FakeSubmission.class.getName(), "2000");
        int loaded = 0;
        String stopped = null;
        try (SubmissionProcess p = SubmissionProcess.start(command, limits, new WaitClock())) {
            for (int i = 0; i < 10 && stopped == null; i++) {
                try {
                    p.load("f" + i + ".kts", Runnable.class);
                    loaded++;
                } catch (SubmissionFailed e) {
                    stopped = e.getMessage();
                }
            }
        }
        assertTrue(stopped != null && stopped.contains("did not finish within the submission's total of 9.0 s of wall time"),
            "loads before the stop: " + loaded + "; " + stopped);
        assertTrue(loaded >= 1 && loaded <= 4, "2 s each within 9 s in all: " + loaded);
    }

    @Test
    void aStatLineIsReadPastANameWithSpacesAndParentheses() {
        String stat = "4242 (a) b (c)) S 1 4242 4242 0 -1 4194560 1510 0 0 0 7 3 11 2 20 0 1 0 123 0 0";
        assertEquals(7 + 3 + 11 + 2, ProcessTreeCpu.parse(stat));
        assertEquals(-1, ProcessTreeCpu.parse("garbage"));
    }

    @Test
    void aTreeThatSpinsShowsItsCpuTime() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            ProcessTreeCpu cpu = new ProcessTreeCpu(p.toHandle());
            long first = cpu.nanos();
            assertTrue(first >= 0, "this machine's /proc is readable");
            long t0 = System.nanoTime();
            while (cpu.nanos() < first + 200_000_000L) {
                assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "a spinning shell never used 0.2 s of CPU");
                Thread.sleep(50);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
