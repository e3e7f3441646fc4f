package dev.tcplab.stack.sim;

/**
 * A kernel-style timer: armed with {@link #mod} (mod_timer), cancelled with {@link #del}
 * (del_timer), re-armable. Runs its action on the event loop: at its exact time, or, for a
 * kernel timer of a loop with a {@link TimerWheel}, when the wheel's bucket for it expires.
 */
public final class Timer implements Comparable<Timer> {
    private final EventLoop loop;
    final Runnable action;
    /** Null: exact timer in the loop's queue. */
    final TimerWheel wheel;
    long when;
    long seq;
    boolean armed;
    // wheel state: timer->expires (jiffies), its bucket, and its hlist links
    long expiresJ;
    long bucketExpiry;
    int level;
    Timer prev;
    Timer next;
    TimerWheel.Tick tick;
    final int base;

    Timer(EventLoop loop, Runnable action) {
        this(loop, action, null, null);
    }

    Timer(EventLoop loop, Runnable action, TimerWheel wheel, Object owner) {
        this.loop = loop;
        this.action = action;
        this.wheel = wheel;
        this.base = wheel == null ? 0 : wheel.base(owner);
    }

    /** (Re)arms the timer to fire delayNanos from now. */
    public void mod(long delayNanos) {
        if (wheel != null) {
            wheel.mod(this, delayNanos);
            return;
        }
        modAt(loop.now() + Math.max(0, delayNanos));
    }

    public void modAt(long when) {
        if (wheel != null) {
            wheel.mod(this, when - loop.now());
            return;
        }
        if (armed) {
            loop.dequeue(this);
        }
        armed = true;
        loop.enqueue(this, when);
    }

    /** mod_timer_pending: re-arms only if armed. */
    public void modPending(long delayNanos) {
        if (armed) {
            mod(delayNanos);
        }
    }

    /** Cancels; true if it was armed. */
    public boolean del() {
        if (wheel != null) {
            return wheel.del(this);
        }
        if (!armed) {
            return false;
        }
        armed = false;
        loop.dequeue(this);
        return true;
    }

    public boolean pending() {
        return armed;
    }

    /** Absolute expiry time (valid while pending; for a wheel timer its nominal timer->expires). */
    public long expires() {
        return when;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(when, o.when);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
