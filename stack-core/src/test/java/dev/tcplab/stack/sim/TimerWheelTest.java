package dev.tcplab.stack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kernel/time/timer.c's wheel: rounding by level, one tick's timers newest first, O(1) delete. */
class TimerWheelTest {
    static final long MS = 1_000_000L;

    private static EventLoop loop(int hz, long phase) {
        EventLoop loop = new EventLoop();
        loop.setTimerWheel(new TimerWheel(loop, hz, phase));
        return loop;
    }

    @Test
    void oneSecondAtHz250RoundsUpToLevelOneGranularity() {
        EventLoop loop = loop(250, 0);
        long[] fired = new long[1];
        loop.kernelTimer(this, () -> fired[0] = loop.now()).mod(1000 * MS);
        loop.runUntil(2000 * MS);
        // 250 jiffies from clk 0: level 1 (8 jiffies = 32 ms): bucket ((250 >> 3) + 1) << 3 = 256
        assertEquals(256 * 4 * MS, fired[0]);
    }

    @Test
    void levelZeroIsOneJiffyLate() {
        EventLoop loop = loop(250, 0);
        long[] fired = new long[1];
        loop.kernelTimer(this, () -> fired[0] = loop.now()).mod(40 * MS);
        loop.runUntil(1000 * MS);
        assertEquals(11 * 4 * MS, fired[0], "10 jiffies at level 0: bucket expires + 1");
    }

    @Test
    void timersSharingATickRunNewestFirst() {
        EventLoop loop = loop(250, 0);
        List<String> order = new ArrayList<>();
        loop.kernelTimer(this, () -> order.add("first")).mod(1000 * MS);
        loop.runUntil(5 * MS);
        loop.kernelTimer(this, () -> order.add("second")).mod(1000 * MS);
        loop.runUntil(3000 * MS);
        assertEquals(List.of("second", "first"), order, "hlist_add_head: the later timer runs first");
    }

    @Test
    void higherLevelBucketRunsBeforeLevelZeroInTheSameTick() {
        EventLoop loop = loop(250, 0);
        List<String> order = new ArrayList<>();
        // level 1: 250 jiffies from 0 → jiffy 256; level 0: 10 jiffies from 245 → 256
        loop.kernelTimer(this, () -> order.add("level1")).mod(1000 * MS);
        loop.runUntil(245 * 4 * MS);
        loop.kernelTimer(this, () -> order.add("level0")).mod(40 * MS);
        loop.runUntil(3000 * MS);
        assertEquals(List.of("level1", "level0"), order);
    }

    @Test
    void latenessIsAtMostOneEighthPlusAJiffy() {
        for (long ms : new long[] {200, 1000, 3000, 7000, 60_000, 120_000}) {
            EventLoop loop = loop(250, 123_456_789L);
            long[] fired = new long[1];
            loop.kernelTimer(this, () -> fired[0] = loop.now()).mod(ms * MS);
            loop.runUntil(200_000 * MS);
            long late = fired[0] - ms * MS;
            assertTrue(late >= 0 && late <= ms * MS / 8 + 8 * MS, ms + " ms late by " + late / 1e6 + " ms");
        }
    }

    @Test
    void deleteIsImmediateAndLeavesTheLoopIdle() {
        EventLoop loop = loop(250, 0);
        boolean[] ran = new boolean[1];
        Timer t = loop.kernelTimer(this, () -> ran[0] = true);
        t.mod(1000 * MS);
        assertTrue(t.pending());
        assertTrue(t.del());
        assertFalse(t.pending());
        assertTrue(loop.idle(), "the empty bucket's tick is gone too");
        loop.runUntil(3000 * MS);
        assertFalse(ran[0]);
    }

    @Test
    void rearmingIntoTheSameBucketKeepsItsPlace() {
        EventLoop loop = loop(250, 0);
        List<String> order = new ArrayList<>();
        Timer a = loop.kernelTimer(this, () -> order.add("a"));
        a.mod(1000 * MS);
        loop.kernelTimer(this, () -> order.add("b")).mod(1000 * MS);
        a.mod(1004 * MS); // one jiffy later, same 32 ms bucket: __mod_timer only updates expires
        loop.runUntil(3000 * MS);
        assertEquals(List.of("b", "a"), order);
    }

    @Test
    void hzAndPhase() {
        EventLoop loop = loop(1000, 300_000);
        long[] fired = new long[1];
        loop.kernelTimer(this, () -> fired[0] = loop.now()).mod(10 * MS);
        loop.runUntil(1000 * MS);
        // jiffy j begins at j ms - 0.3 ms; 10 jiffies at level 0 from jiffy 0 → jiffy 11
        assertEquals(11 * MS - 300_000, fired[0]);
        assertEquals(10 * MS, new TimerWheel(new EventLoop(), 100, 0).jiffyNs());
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel(new EventLoop(), 300, 0));
    }

    @Test
    void exactTimersStayExact() {
        EventLoop loop = new EventLoop();
        long[] fired = new long[1];
        loop.kernelTimer(this, () -> fired[0] = loop.now()).mod(1000 * MS + 1);
        loop.runUntil(3000 * MS);
        assertEquals(1000 * MS + 1, fired[0]);
    }
}
