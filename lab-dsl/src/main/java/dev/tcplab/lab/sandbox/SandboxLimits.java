package dev.tcplab.lab.sandbox;

import java.time.Duration;

/**
 * What a submission process may use. {@code start}: from launch to READY (JVM start, sandbox set
 * up); {@code load}: compiling one file; {@code call}: one method call; {@code total}: all loads and
 * calls of one process together. {@code heap} is the JVM's -Xmx; {@code cpuSeconds},
 * {@code addressSpace}, {@code fileSize}, {@code tmpSize} and {@code openFiles} become rlimits and
 * the private tmp's size; {@code maxFrame} bounds one answer, {@code maxOutput} what the process may
 * print (more stops it).
 */
public record SandboxLimits(Duration start, Duration load, Duration call, Duration total, String heap,
                            int cpuSeconds, long addressSpace, long fileSize, long tmpSize, int openFiles,
                            int maxFrame, long maxOutput) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(5), Duration.ofSeconds(90), "384m", 120, 4L << 30, 64L << 20, 64L << 20, 512,
        1 << 20, 1L << 20);

    /** The same limits with another per-call limit. */
    public SandboxLimits withCall(Duration call) {
        return new SandboxLimits(start, load, call, total, heap, cpuSeconds, addressSpace, fileSize, tmpSize, openFiles,
            maxFrame, maxOutput);
    }
}
