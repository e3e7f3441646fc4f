package dev.tcplab.stack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact timers with O(1) cancel/re-arm (stale queue entries skipped): semantics unchanged. */
class EventLoopTest {
    @Test
    void cancelledAndRearmedTimersFireOnceAtTheirLatestTime() {
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        Timer a = loop.timer(() -> log.add("a@" + loop.now()));
        Timer b = loop.timer(() -> log.add("b@" + loop.now()));
        a.mod(10);
        b.mod(10);
        a.mod(30); // re-armed: the entry at 10 is stale
        b.del();
        assertFalse(b.pending());
        loop.schedule(20, () -> log.add("c@" + loop.now()));
        loop.runUntil(100);
        assertEquals(List.of("c@20", "a@30"), log);
        assertTrue(loop.idle());
    }

    @Test
    void sameInstantRunsInArmingOrderAndIdleIgnoresStaleEntries() {
        EventLoop loop = new EventLoop();
        List<Integer> log = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int n = i;
            Timer t = loop.timer(() -> log.add(n));
            t.mod(1000);
            timers.add(t);
        }
        for (int i = 0; i < 5000; i += 2) {
            timers.get(i).del();
        }
        timers.get(1).mod(1000); // re-armed later: now after 4999
        assertEquals(1000, loop.nextEventTime());
        loop.runUntil(2000);
        assertEquals(2500, log.size());
        assertEquals(3, log.get(0));
        assertEquals(1, log.get(log.size() - 1));
        for (int i = 1; i < 5000; i += 2) {
            timers.get(i).mod(5000);
            timers.get(i).del();
        }
        assertTrue(loop.idle());
        assertEquals(Long.MAX_VALUE, loop.nextEventTime());
    }
}
