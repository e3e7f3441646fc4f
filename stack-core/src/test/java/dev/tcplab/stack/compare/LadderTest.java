package dev.tcplab.stack.compare;

import dev.tcplab.stack.compare.Ladder.Rung;
import dev.tcplab.stack.compare.Ladder.Timing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison itself, on hand-made ladders (no root needed). */
class LadderTest {
    static final long MS = 1_000_000L;
    static final List<String> SYN_OPTS = List.of("mss", "sackOK", "TS", "nop", "wscale");
    static final List<String> TS = List.of("nop", "nop", "TS");

    /** SYN, SYN-ACK, ACK, data, ACK, FIN (at the given times). */
    static Ladder ladder(String name, long... t) {
        List<Rung> r = new ArrayList<>();
        r.add(new Rung(t[0], "C->S", "S", 0, "-", 64240, 0, SYN_OPTS));
        r.add(new Rung(t[1], "S->C", "SA", 0, "1", 65160, 0, SYN_OPTS));
        r.add(new Rung(t[2], "C->S", "A", 1, "1", 63, 0, TS));
        r.add(new Rung(t[3], "C->S", "AP", 1, "1", 63, 6, TS));
        r.add(new Rung(t[4], "S->C", "A", 1, "7", 64, 0, TS));
        r.add(new Rung(t[5], "C->S", "AF", 7, "1", 63, 0, TS));
        return new Ladder(name, r);
    }

    @Test
    void identicalLaddersMatch() {
        Ladder a = ladder("model", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 50 * MS);
        Ladder.Diff d = a.diff(ladder("kernel", 0, 50_000, 80_000, 10 * MS + 300_000, 10 * MS + 350_000, 50 * MS + 100_000));
        assertTrue(d.matches(), d.render());
        assertTrue(d.render().startsWith("model and kernel ladders match"), d.render());
    }

    @Test
    void everyDifferingFieldIsNamed() {
        Ladder a = ladder("model", 0, 1, 2, 3, 4, 5);
        List<Rung> r = new ArrayList<>(ladder("kernel", 0, 1, 2, 3, 4, 5).rungs());
        r.set(1, new Rung(1, "S->C", "SA", 0, "1", 65535, 0, List.of("mss", "nop", "wscale")));
        r.set(3, new Rung(3, "S->C", "R", 5, "-", 0, 0, List.of()));
        r.remove(5);
        Ladder.Diff d = a.diff(new Ladder("kernel", r), Timing.IGNORE);
        assertEquals(3, d.differences().size(), d.render());
        assertEquals("rung 2: window 65160 vs 65535, options [mss, sackOK, TS, nop, wscale] vs [mss, nop, wscale]", d.differences().get(0));
        assertEquals("rung 4: direction C->S vs S->C, flags AP vs R, rseq 1 vs 5, rack 1 vs -, window 63 vs 0, length 6 vs 0, "
                + "options [nop, nop, TS] vs []", d.differences().get(1));
        assertEquals("rung 6: missing segment C->S AF rseq=7 rack=1 win=63 len=0 opts=nop,nop,TS", d.differences().get(2));
        String text = d.render();
        assertTrue(text.contains("**  2 model"), text);
        assertTrue(text.contains("**  6 model"), text);
        assertTrue(text.contains("   1 model"), "a matching rung is shown unmarked:\n" + text);
    }

    @Test
    void absoluteTimingAllowsTheTimerSlackOnly() {
        Ladder model = ladder("model", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 1000 * MS);
        assertTrue(model.diff(ladder("kernel", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 1139 * MS)).matches(),
                "1.139 s is within 1 s * 1.13 + 10 ms");
        Ladder.Diff late = model.diff(ladder("kernel", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 1141 * MS));
        assertEquals(List.of("rung 6: kernel at 1141.000ms, model at 1000.000ms: outside [998.000ms, 1140.000ms]"), late.differences());
        Ladder.Diff early = model.diff(ladder("kernel", 0, 20_000, 40_000, 7 * MS, 7 * MS + 20_000, 1000 * MS));
        assertEquals(2, early.differences().size(), early.render());
        assertTrue(early.differences().get(0).startsWith("rung 4:"), early.render());
    }

    @Test
    void causalTimingLetsProgramActionsBeLateButTimesEverythingElse() {
        Ladder model = ladder("model", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 50 * MS);
        Timing wall = Timing.WALL_CLOCK.withActions(4, 6);
        // the program's send was 30 ms late (a loaded machine); the ACK followed at once: fine
        Ladder late = ladder("kernel", 0, 30_000, 60_000, 40 * MS, 40 * MS + 40_000, 52 * MS);
        assertTrue(model.diff(late, wall).matches(), model.diff(late, wall).render());
        // the same in absolute terms, or without naming the actions, is a difference
        assertFalse(model.diff(late).matches());
        assertEquals(2, model.diff(late, Timing.WALL_CLOCK).differences().size(), model.diff(late, Timing.WALL_CLOCK).render());
        // an ACK 40 ms after its cause where the model answers at once (delayed instead of quick ACK)
        Ladder.Diff slowAnswer = model.diff(ladder("kernel", 0, 30_000, 60_000, 10 * MS, 50 * MS, 60 * MS), wall);
        assertEquals(1, slowAnswer.differences().size(), slowAnswer.render());
        assertTrue(slowAnswer.differences().get(0).startsWith("rung 5: 40.000ms after rung 4 in kernel, after 0.020ms in model"),
                slowAnswer.render());
        // a program's action earlier than scripted
        Ladder.Diff early = model.diff(ladder("kernel", 0, 30_000, 60_000, 5 * MS, 5 * MS + 30_000, 50 * MS), wall);
        assertEquals(1, early.differences().size(), early.render());
        assertTrue(early.differences().get(0).startsWith("rung 4: kernel at 5.000ms, earlier than model's 10.000ms"), early.render());
    }

    @Test
    void onTheWallClockTheModelsOwnAnswersMayBeLateButTheKernelsAreTimed() {
        Ladder model = ladder("model", 0, 20_000, 40_000, 10 * MS, 10 * MS + 20_000, 50 * MS);
        Timing wall = Timing.WALL_CLOCK.withActions(4, 6);
        // the model client (C->S) acked the kernel's SYN-ACK 27 ms late: a loaded scheduler, as measured in issue 9
        long[] busy = {0, 30_000, 27 * MS, 37 * MS, 37 * MS + 40_000, 80 * MS};
        Ladder.Diff unmarked = model.diff(ladder("linux", busy), wall);
        assertEquals(List.of("rung 3: 26.970ms after rung 2 in linux, after 0.020ms in model: outside [-1.980ms, 10.023ms]"),
                unmarked.differences(), "without knowing who sent it, the model's late ACK looks like TCP's");
        Ladder.Diff marked = model.diff(ladder("linux", busy).withScheduledDir("C->S"), wall);
        assertTrue(marked.matches(), marked.render());

        // the kernel's own answers stay timed: a 40 ms delayed ACK (rung 5) where the model acks at once
        Ladder.Diff delayedAck = model.diff(ladder("linux", 0, 30_000, 27 * MS, 37 * MS, 77 * MS, 90 * MS).withScheduledDir("C->S"), wall);
        assertEquals(List.of("rung 5: 40.000ms after rung 4 in linux, after 0.020ms in model: outside [-1.980ms, 10.023ms]"),
                delayedAck.differences(), delayedAck.render());
        // ... and with the roles swapped (the model is the server, S->C), the kernel client's ACK (rung 3) is timed
        Ladder.Diff lateKernelAck = model.diff(ladder("linux", 0, 15 * MS, 42 * MS, 52 * MS, 52 * MS + 40_000, 90 * MS)
                .withScheduledDir("S->C"), wall);
        assertEquals(List.of("rung 3: 27.000ms after rung 2 in linux, after 0.020ms in model: outside [-1.980ms, 10.023ms]"),
                lateKernelAck.differences(), "the model server's SYN-ACK 15 ms late is fine; the kernel's ACK 27 ms late is not");

        // a program's segment may be late after its cause, never early: the model's close (rung 6, not an action here)
        Ladder.Diff early = model.diff(ladder("linux", 0, 30_000, 60_000, 10 * MS, 10 * MS + 30_000, 15 * MS + 30_000)
                .withScheduledDir("C->S"), Timing.WALL_CLOCK.withActions(4));
        assertEquals(List.of("rung 6: 5.000ms after rung 5 in linux, earlier than after 39.980ms in model "
                + "(a program on the wall clock may answer late, not early)"), early.differences(), early.render());
    }

    @Test
    void aScheduledDirectionIsOneOfTheTwo() {
        Ladder a = ladder("linux", 0, 1, 2, 3, 4, 5);
        assertEquals("S->C", a.withScheduledDir("S->C").scheduledDir());
        assertNull(a.scheduledDir());
        assertThrows(IllegalArgumentException.class, () -> a.withScheduledDir("client"));
    }
}
