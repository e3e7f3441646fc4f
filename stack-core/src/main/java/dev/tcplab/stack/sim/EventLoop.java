package dev.tcplab.stack.sim;

import java.util.PriorityQueue;

/**
 * A discrete-event loop over a virtual clock in nanoseconds. Events at the same instant run
 * in the order they were scheduled, so a run is a pure function of its inputs and seed.
 * Time is only ever read from here: nothing in the stack looks at the wall clock.
 */
public final class EventLoop {
    /**
     * Armed timers as (timer, when, seq) entries. Cancelling or re-arming a timer leaves its old
     * entry behind (O(1)); an entry is live while its timer is armed with that seq, stale ones
     * are skipped when they reach the head and compacted when they outnumber the live ones.
     */
    private record Entry(Timer timer, long when, long seq) implements Comparable<Entry> {
        boolean live() {
            return timer.armed && timer.seq == seq;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(when, o.when);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private int stale;
    private long now;
    private long sequence;
    private long executed;
    private TimerWheel wheel;

    public long now() {
        return now;
    }

    /** How many events ran so far (for benchmarks and runaway detection). */
    public long executed() {
        return executed;
    }

    /** Runs action once at now + delay. */
    public Timer schedule(long delayNanos, Runnable action) {
        Timer t = new Timer(this, action);
        t.mod(delayNanos);
        return t;
    }

    /** A timer that is not armed yet (like timer_setup). */
    public Timer timer(Runnable action) {
        return new Timer(this, action);
    }

    /**
     * A kernel timer of one modelled kernel (timer_setup; owner names its timer base, e.g. the
     * host's TCP): on the timer wheel when one is set, else exact like {@link #timer}.
     */
    public Timer kernelTimer(Object owner, Runnable action) {
        return new Timer(this, action, wheel, owner);
    }

    /**
     * Runs kernel timers on a timer wheel at hz with the given jiffies phase (see
     * {@link TimerWheel}); null restores exact nominal timers. Only timers created afterwards
     * are affected, so set it before the hosts start.
     */
    public void setTimerWheel(TimerWheel wheel) {
        this.wheel = wheel;
    }

    /** The timer wheel, or null with exact timers. */
    public TimerWheel timerWheel() {
        return wheel;
    }

    void countExecuted() {
        executed++;
    }

    void enqueue(Timer t, long when) {
        t.when = when;
        t.seq = sequence++;
        queue.add(new Entry(t, when, t.seq));
    }

    /** The timer's entry became stale (del or re-arm); O(1). */
    void dequeue(Timer t) {
        stale++;
        if (stale > 1024 && stale > queue.size() / 2) {
            queue.removeIf(e -> !e.live());
            stale = 0;
        }
    }

    /** Drops stale entries from the head; the head is then live or the queue empty. */
    private Entry head() {
        Entry e = queue.peek();
        while (e != null && !e.live()) {
            queue.poll();
            stale = Math.max(0, stale - 1);
            e = queue.peek();
        }
        return e;
    }

    /** Time of the next event, or Long.MAX_VALUE when idle. */
    public long nextEventTime() {
        Entry e = head();
        return e == null ? Long.MAX_VALUE : e.when;
    }

    /** Runs the next event; false when there is none. */
    public boolean runNext() {
        Entry e = head();
        if (e == null) {
            return false;
        }
        queue.poll();
        Timer t = e.timer;
        now = e.when;
        t.armed = false;
        executed++;
        t.action.run();
        return true;
    }

    /** Runs every event up to and including time, then sets the clock to time. */
    public void runUntil(long time) {
        for (Entry e = head(); e != null && e.when <= time; e = head()) {
            runNext();
        }
        if (time > now) {
            now = time;
        }
    }

    /** Advances the clock without running anything; for a wall-clock driven loop. */
    public void advanceTo(long time) {
        if (time > now) {
            now = time;
        }
    }

    public boolean idle() {
        return head() == null;
    }
}
