package dev.tcplab.lab.sandbox;

/**
 * The wall time a lab has spent waiting for its submission process (starting it, loading files,
 * calls), a wait in progress included. The lab's own wall-clock limit leaves this time out: the
 * submission's waits have limits of their own (CPU time, {@link SandboxLimits}), and a lab
 * must not time out because a loaded machine made an honest submission slow to compile.
 */
public final class WaitClock {
    private long done;
    private long since = -1;

    synchronized void begin() {
        since = System.nanoTime();
    }

    synchronized void end() {
        if (since >= 0) {
            done += System.nanoTime() - since;
            since = -1;
        }
    }

    /** Nanoseconds waited so far. */
    public synchronized long nanos() {
        return done + (since < 0 ? 0 : System.nanoTime() - since);
    }
}
