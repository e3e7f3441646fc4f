package dev.tcplab.stack.realif;

import dev.tcplab.stack.sim.EventLoop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs an {@link EventLoop} against the wall clock while real devices are attached.
 * Virtual time = the loop's time at construction + {@code System.nanoTime()} elapsed since.
 *
 * <p>The thread that calls {@link #runFor} / {@link #runUntil} is the loop thread for that call:
 * it sleeps until the next timer is due or until a task arrives through {@link #execute} (capture
 * threads post received frames there), runs timers that are due, and runs posted tasks one at a
 * time in arrival order, each after the timers due before its arrival and with the clock set to
 * its arrival time. So nothing ever touches the loop concurrently, and the stack needs no locks.
 * Only one thread may run the driver at a time. Between runs the clock does not move; frames that
 * arrive meanwhile wait in the queue and timers that came due fire (late) at the next run.
 */
public final class WallClockDriver implements Executor {
    private final EventLoop loop;
    private final long wallOrigin;
    private final long virtualOrigin;
    private final LinkedBlockingQueue<Posted> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private long tasksRun;

    private record Posted(long wallNanos, Runnable task) {}

    public WallClockDriver(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.wallOrigin = System.nanoTime();
        this.virtualOrigin = loop.now();
    }

    public EventLoop loop() {
        return loop;
    }

    /** The virtual time that corresponds to a System.nanoTime() reading. */
    public long toVirtual(long wallNanos) {
        return virtualOrigin + (wallNanos - wallOrigin);
    }

    /** The System.nanoTime() reading at which virtual time v is due (saturates for "never"). */
    public long toWall(long virtualNanos) {
        if (virtualNanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long delta = virtualNanos - virtualOrigin;
        return delta > Long.MAX_VALUE - wallOrigin ? Long.MAX_VALUE : wallOrigin + delta;
    }

    /** Virtual time now by the wall clock (the loop's own now() only moves while running). */
    public long virtualNow() {
        return toVirtual(System.nanoTime());
    }

    /** Posts a task from any thread; it runs on the loop thread during a run, in arrival order. */
    @Override
    public void execute(Runnable task) {
        inbox.add(new Posted(System.nanoTime(), Objects.requireNonNull(task, "task")));
    }

    /** Tasks posted and not yet run. */
    public int pending() {
        return inbox.size();
    }

    /** Tasks run so far (posted frames delivered). */
    public long tasksRun() {
        return tasksRun;
    }

    /** Runs for d of wall-clock time. */
    public void runFor(Duration d) {
        runUntil(() -> false, d);
    }

    /**
     * Runs until done is true (checked on the loop thread after each task and each batch of timers)
     * or the timeout passes; returns whether done became true. An interrupt ends the run early
     * (returns false with the interrupt flag set).
     */
    public boolean runUntil(BooleanSupplier done, Duration timeout) {
        Thread me = Thread.currentThread();
        if (!runner.compareAndSet(null, me)) {
            throw new IllegalStateException("the wall-clock driver is already running on thread " + runner.get().getName());
        }
        long deadline = saturatedAdd(System.nanoTime(), timeout.toNanos());
        try {
            while (true) {
                if (catchUp(done)) {
                    return true;
                }
                long wallNow = System.nanoTime();
                if (wallNow - deadline >= 0) {
                    return false;
                }
                long wake = Math.min(toWall(loop.nextEventTime()), deadline);
                long sleep = wake - wallNow;
                if (sleep > 0) {
                    Posted p = inbox.poll(sleep, TimeUnit.NANOSECONDS);
                    if (p != null) {
                        runPosted(p);
                        if (done.getAsBoolean()) {
                            return true;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            runner.set(null);
        }
    }

    /** Runs every posted task and every timer due by the wall clock now; true as soon as done holds. */
    private boolean catchUp(BooleanSupplier done) {
        Posted p;
        while ((p = inbox.poll()) != null) {
            runPosted(p);
            if (done.getAsBoolean()) {
                return true;
            }
        }
        loop.runUntil(virtualNow());
        return done.getAsBoolean();
    }

    private void runPosted(Posted p) {
        // timers due before the frame arrived run first; then the clock reads its arrival time
        loop.runUntil(toVirtual(p.wallNanos));
        tasksRun++;
        p.task.run();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
