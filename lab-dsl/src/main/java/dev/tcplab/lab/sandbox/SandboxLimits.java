package dev.tcplab.lab.sandbox;

import java.time.Duration;

/**
 * What a submission process may use. {@code start}: from launch to READY (JVM start, sandbox set
 * up); {@code load}: compiling one file; {@code call}: one method call; {@code total}: all loads and
 * calls of one process together. These four are CPU time of the submission's whole process tree
 * ({@link ProcessTreeCpu}), so a loaded grading machine does not turn honest work into a timeout;
 * a process that waits instead (sleeps, blocks, or is starved of CPU beyond reason) is stopped
 * when the wall time reaches {@code wallFactor} times the same limit, and all its waits together
 * at {@code wallFactor} times {@code total}. {@code heap} is the JVM's
 * -Xmx; {@code cpuSeconds}, {@code addressSpace}, {@code fileSize}, {@code tmpSize} and
 * {@code openFiles} become rlimits and the private tmp's size; {@code maxFrame} bounds one answer,
 * {@code maxOutput} what the process may print (more stops it).
 */
public record SandboxLimits(Duration start, Duration load, Duration call, Duration total, int wallFactor, String heap,
                            int cpuSeconds, long addressSpace, long fileSize, long tmpSize, int openFiles,
                            int maxFrame, long maxOutput) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(5), Duration.ofSeconds(90), 3, "384m", 120, 4L << 30, 64L << 20, 64L << 20, 512,
        1 << 20, 1L << 20);

    public SandboxLimits {
        if (wallFactor < 1) {
            throw new IllegalArgumentException("wallFactor must be at least 1: " + wallFactor);
        }
    }

    /** The same limits with another JVM heap. */
    public SandboxLimits withHeap(String heap) {
        return new SandboxLimits(start, load, call, total, wallFactor, heap, cpuSeconds, addressSpace, fileSize, tmpSize,
            openFiles, maxFrame, maxOutput);
    }

    /** The same limits for starting, loading, calling and in all, with another wall factor. */
    public SandboxLimits withTimes(Duration start, Duration load, Duration call, Duration total, int wallFactor) {
        return new SandboxLimits(start, load, call, total, wallFactor, heap, cpuSeconds, addressSpace, fileSize, tmpSize,
            openFiles, maxFrame, maxOutput);
    }

    /** The wall-time backstop of a CPU-time limit. */
    Duration wall(Duration cpu) {
        return cpu.multipliedBy(wallFactor);
    }
}
