package dev.tcplab.stack.sim;

/**
 * A kernel-style timer: armed with {@link #mod} (mod_timer), cancelled with {@link #del}
 * (del_timer), re-armable. Runs its action on the event loop.
 */
public final class Timer implements Comparable<Timer> {
    private final EventLoop loop;
    final Runnable action;
    long when;
    long seq;
    boolean armed;

    Timer(EventLoop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
    }

    /** (Re)arms the timer to fire delayNanos from now. */
    public void mod(long delayNanos) {
        modAt(loop.now() + Math.max(0, delayNanos));
    }

    public void modAt(long when) {
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

    /** Absolute expiry time (valid while pending). */
    public long expires() {
        return when;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(when, o.when);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
