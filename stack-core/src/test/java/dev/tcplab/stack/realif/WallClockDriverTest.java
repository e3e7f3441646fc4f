package dev.tcplab.stack.realif;

import dev.tcplab.stack.sim.EventLoop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wall-clock driver needs no privileges: these run everywhere. */
class WallClockDriverTest {

    @Test
    void postedTasksRunOnTheLoopThreadInArrivalOrder() throws Exception {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        Thread poster = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                driver.execute(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread());
                });
            }
        });
        poster.start();
        poster.join(2000);
        assertTrue(driver.runUntil(() -> order.size() == 100, Duration.ofSeconds(2)));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i));
        }
        assertTrue(threads.stream().allMatch(t -> t == Thread.currentThread()), "tasks ran off the loop thread");
        assertEquals(100, driver.tasksRun());
    }

    @Test
    void timersFireByTheWallClockNotEarly() {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        long[] firedAtWall = {0};
        long start = System.nanoTime();
        loop.schedule(TimeUnit.MILLISECONDS.toNanos(50), () -> firedAtWall[0] = System.nanoTime());
        assertTrue(driver.runUntil(() -> firedAtWall[0] != 0, Duration.ofSeconds(2)));
        long elapsed = firedAtWall[0] - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(50), "fired after " + elapsed + " ns");
        assertTrue(loop.now() >= TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aTaskPostedWhileSleepingWakesTheLoopBeforeTheNextTimer() throws Exception {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        loop.schedule(TimeUnit.SECONDS.toNanos(30), () -> { });
        long[] ranAt = {0};
        Thread poster = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ignored) {
                return;
            }
            driver.execute(() -> ranAt[0] = loop.now());
        });
        long start = System.nanoTime();
        poster.start();
        assertTrue(driver.runUntil(() -> ranAt[0] != 0, Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "the loop slept through the post");
        // the clock during the task is the task's arrival time, about 20 ms in
        assertTrue(ranAt[0] >= TimeUnit.MILLISECONDS.toNanos(15) && ranAt[0] < TimeUnit.SECONDS.toNanos(1), "now=" + ranAt[0]);
        poster.join(1000);
    }

    @Test
    void timersDueBeforeATaskArrivedRunBeforeIt() throws Exception {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        List<String> order = new ArrayList<>();
        loop.schedule(TimeUnit.MILLISECONDS.toNanos(1), () -> order.add("timer"));
        Thread.sleep(30); // nobody runs the loop: the timer is overdue when the task arrives
        driver.execute(() -> order.add("task"));
        assertTrue(driver.runUntil(() -> order.size() == 2, Duration.ofSeconds(1)));
        assertEquals(List.of("timer", "task"), order);
    }

    @Test
    void runForReturnsAfterItsDurationAndMovesTheClock() {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        long start = System.nanoTime();
        driver.runFor(Duration.ofMillis(40));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(40), "returned after " + elapsed + " ns");
        assertTrue(elapsed < TimeUnit.SECONDS.toNanos(2));
        assertTrue(loop.now() >= TimeUnit.MILLISECONDS.toNanos(40));
        assertFalse(driver.runUntil(() -> false, Duration.ofMillis(5)));
    }

    @Test
    void twoThreadsCannotRunItAtOnce() throws Exception {
        EventLoop loop = new EventLoop();
        WallClockDriver driver = new WallClockDriver(loop);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        driver.execute(running::countDown);
        Thread other = new Thread(() -> driver.runUntil(() -> release.getCount() == 0, Duration.ofSeconds(3)));
        other.start();
        assertTrue(running.await(2, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> driver.runFor(Duration.ofMillis(1)));
        driver.execute(release::countDown);
        other.join(3000);
        assertFalse(other.isAlive());
    }
}
