package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time a submission's process tree has used: for the sandbox's first process and every
 * descendant, utime + stime + cutime + cstime of /proc/PID/stat (proc(5); the children's part
 * holds the processes it has already reaped). A submission's limits are CPU time because a loaded
 * grading machine stretches wall time, not the work an honest submission does: at load 9 on two
 * cores compiling one honest file took over 60 s of wall time and about a fifth of it in CPU.
 * Reads never go backwards (a child reaped between two reads moves from its own line to its
 * parent's), and where /proc cannot be read the clock says so and the caller falls back to wall time.
 */
final class ProcessTreeCpu {
    /** USER_HZ: the unit of /proc/PID/stat times, 100 on every Linux ABI. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final ProcessHandle root;
    private long highest;

    ProcessTreeCpu(ProcessHandle root) {
        this.root = root;
    }

    /** Nanoseconds of CPU the tree has used so far, or -1 when /proc does not tell. */
    synchronized long nanos() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        long ticks = 0;
        boolean any = false;
        for (ProcessHandle p : tree) {
            long t = ticks(p.pid());
            if (t >= 0) {
                ticks += t;
                any = true;
            }
        }
        if (!any) {
            return highest > 0 ? highest : -1;
        }
        highest = Math.max(highest, ticks * NANOS_PER_TICK);
        return highest;
    }

    /** utime + stime + cutime + cstime of one process, in ticks; -1 when it is gone or unreadable. */
    static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return parse(stat);
    }

    /** Fields 14-17 of a /proc/PID/stat line; the name (field 2) may hold spaces and parentheses. */
    static long parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] f = stat.substring(close + 1).trim().split(" ");
        if (f.length < 15) {
            return -1;
        }
        try {
            // f[0] is field 3 (state): utime is field 14
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
