package dev.tcplab.stack.bench;

import dev.tcplab.stack.host.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Wall clock and heap readings for the benchmark mains (never used by tests). */
final class BenchClock {
    private BenchClock() {}

    /**
     * The rigs' timers: the kernel's timer wheel (the model's default) or, with
     * -Dbench.timers=exact, exact nominal timers on the event loop's queue, to compare the two.
     */
    static void timers(Network net) {
        String t = System.getProperty("bench.timers", "wheel");
        switch (t) {
            case "wheel" -> { }
            case "exact" -> net.exactTimers();
            default -> throw new IllegalArgumentException("bench.timers is wheel or exact, not " + t);
        }
    }

    static long wallNanos() {
        return System.nanoTime();
    }

    /**
     * CPU time of the calling thread (ThreadMXBean). On a shared machine the wall clock also
     * counts the time other processes had the core; this does not, so before/after comparisons
     * under load read it next to the wall time.
     */
    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Heap in use after asking for a full collection a few times (MemoryMXBean). */
    static long heapAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cpus, Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
