package dev.tcplab.stack.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's timer wheel (kernel/time/timer.c, the non-cascading wheel since 4.8) for the
 * timers of the modelled kernels: jiffies at HZ, a timer's expiry rounded up to its level's
 * granularity by calc_wheel_index()/calc_index() (level n: 8^n jiffies, chosen by the distance
 * from the base clock; so up to 12.5 % late, and always at least one jiffy), and all timers of
 * one tick run together by __run_timers(): the highest level's bucket first, each bucket from
 * its head (hlist_add_head: the newest timer first). Re-arming a pending timer into the same
 * bucket keeps its place (__mod_timer's idx check). Deleting is O(1).
 *
 * <p>Each modelled kernel (host) has its own timer base, as network namespaces whose work runs
 * on different CPUs have theirs (the reference capture c2: the client's SYN timer and the
 * server's request timer, due in the same tick, run client first); when several bases have
 * timers in one tick, they run in the order the bases were first used. Ticks run exactly at
 * the jiffy boundary; timers are never late beyond the wheel's rounding. Jiffy J begins at
 * virtual time {@code J * jiffyNs - phaseNs}; the phase stands for where the kernel's jiffies
 * counter was when a run started. All bases share one jiffies clock (one kernel, as in the
 * reference captures).
 */
public final class TimerWheel {
    /** CONFIG_HZ of the reference kernel (and of most distribution kernels): the default. */
    public static final int DEFAULT_HZ = 250;
    private static final int LVL_CLK_SHIFT = 3;
    private static final int LVL_BITS = 6;
    private static final long LVL_SIZE = 1L << LVL_BITS;

    private final EventLoop loop;
    private final int hz;
    private final long jiffyNs;
    private final long phaseNs;
    private final int depth;
    private final Map<Long, Tick> ticks = new HashMap<>();
    /** Per base: the jiffy whose timers ran last; base->clk is one past it while and after they run. */
    private final java.util.List<long[]> lastRun = new java.util.ArrayList<>();
    private final Map<Object, Integer> bases = new HashMap<>();

    /** The timer base of an owner (e.g. one host's TCP), numbered in order of first use. */
    int base(Object owner) {
        return bases.computeIfAbsent(owner, o -> {
            lastRun.add(new long[] {Long.MIN_VALUE / 2});
            return lastRun.size() - 1;
        });
    }

    /** A wheel at hz (100, 250, 1000...) whose jiffy boundaries are offset by phaseNs. */
    public TimerWheel(EventLoop loop, int hz, long phaseNs) {
        if (hz <= 0 || 1_000_000_000L % hz != 0) {
            throw new IllegalArgumentException("HZ must divide 1e9: " + hz);
        }
        this.loop = loop;
        this.hz = hz;
        this.jiffyNs = 1_000_000_000L / hz;
        this.phaseNs = Math.floorMod(phaseNs, jiffyNs << 20);
        this.depth = hz > 100 ? 9 : 8; // LVL_DEPTH
    }

    public int hz() {
        return hz;
    }

    public long jiffyNs() {
        return jiffyNs;
    }

    /** The jiffies counter now. */
    public long jiffies() {
        return Math.floorDiv(loop.now() + phaseNs, jiffyNs);
    }

    /** Virtual time at which jiffy j begins. */
    public long timeOf(long j) {
        return j * jiffyNs - phaseNs;
    }

    /** base->clk as forward_timer_base leaves it for an enqueue now. */
    private long clk(int base) {
        return Math.max(jiffies(), lastRun.get(base)[0] + 1);
    }

    /** LVL_START(n): the first distance (jiffies) that goes to level n. */
    private static long lvlStart(int n) {
        return (LVL_SIZE - 1) << ((n - 1) * LVL_CLK_SHIFT);
    }

    /** calc_wheel_index: the level for expires, and (returned) the bucket's expiry jiffy. */
    long bucketExpiry(long expires, long clk, int[] levelOut) {
        long delta = expires - clk;
        if (delta < 0) {
            levelOut[0] = 0;
            return clk;
        }
        int lvl = 0;
        while (lvl < depth - 1 && delta >= lvlStart(lvl + 1)) {
            lvl++;
        }
        if (lvl == depth - 1) {
            long cutoff = lvlStart(depth); // WHEEL_TIMEOUT_CUTOFF
            if (delta >= cutoff) {
                expires = clk + cutoff - (1L << ((depth - 1) * LVL_CLK_SHIFT)); // WHEEL_TIMEOUT_MAX
            }
        }
        levelOut[0] = lvl;
        int shift = lvl * LVL_CLK_SHIFT;
        return ((expires >> shift) + 1) << shift; // calc_index: round up, never early
    }

    /** mod_timer(timer, jiffies + ceil(delay / jiffy)). */
    void mod(Timer t, long delayNanos) {
        long timeout = delayNanos <= 0 ? 0 : (delayNanos + jiffyNs - 1) / jiffyNs;
        long expires = jiffies() + timeout;
        if (t.armed && t.expiresJ == expires) {
            return;
        }
        int[] lvl = new int[1];
        long bucket = bucketExpiry(expires, clk(t.base), lvl);
        if (t.armed && t.bucketExpiry == bucket && t.level == lvl[0]) {
            t.expiresJ = expires; // same bucket: keeps its place in the list
            t.when = timeOf(expires);
            return;
        }
        if (t.armed) {
            detach(t);
        }
        t.expiresJ = expires;
        t.when = timeOf(expires);
        t.bucketExpiry = bucket;
        t.level = lvl[0];
        Tick tick = ticks.computeIfAbsent(bucket, b -> new Tick(b));
        tick.push(t);
        t.armed = true;
    }

    /** del_timer. */
    boolean del(Timer t) {
        if (!t.armed) {
            return false;
        }
        detach(t);
        t.armed = false;
        return true;
    }

    private void detach(Timer t) {
        Tick tick = t.tick;
        tick.unlink(t);
        if (tick.count == 0 && !tick.running) {
            tick.event.del();
            ticks.remove(tick.jiffy);
        }
    }

    /** The timers expiring at one jiffy, one hlist per wheel level. */
    final class Tick {
        final long jiffy;
        /** heads[base][level]: one hlist per level of each base. */
        final java.util.List<Timer[]> heads = new java.util.ArrayList<>();
        final Timer event;
        int count;
        boolean running;

        Tick(long jiffy) {
            this.jiffy = jiffy;
            this.event = loop.timer(this::run);
            event.modAt(timeOf(jiffy));
        }

        private Timer[] of(int base) {
            while (heads.size() <= base) {
                heads.add(new Timer[depth]);
            }
            return heads.get(base);
        }

        void push(Timer t) {
            Timer h = of(t.base)[t.level];
            t.prev = null;
            t.next = h;
            if (h != null) {
                h.prev = t;
            }
            of(t.base)[t.level] = t;
            t.tick = this;
            count++;
        }

        void unlink(Timer t) {
            if (t.prev != null) {
                t.prev.next = t.next;
            } else {
                of(t.base)[t.level] = t.next;
            }
            if (t.next != null) {
                t.next.prev = t.prev;
            }
            t.prev = null;
            t.next = null;
            t.tick = null;
            count--;
        }

        /** __run_timers of each base for this jiffy: base->clk++, then the levels from the highest down. */
        void run() {
            ticks.remove(jiffy);
            running = true;
            for (int b = 0; b < heads.size(); b++) {
                Timer[] h = heads.get(b);
                lastRun.get(b)[0] = jiffy;
                for (int lvl = depth - 1; lvl >= 0; lvl--) {
                    while (h[lvl] != null) {
                        Timer t = h[lvl];
                        unlink(t);
                        t.armed = false;
                        loop.countExecuted();
                        t.action.run();
                    }
                }
            }
        }
    }
}
