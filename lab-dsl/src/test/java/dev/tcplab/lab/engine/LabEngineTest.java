package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through LabEngine on the sample labs in src/test/resources/labs. */
class LabEngineTest {
    static final Path LABS = Path.of("src/test/resources/labs");

    @TempDir
    static Path cache;

    static LabEngine engine;

    @BeforeAll
    static void engine() {
        engine = new LabEngine(cache);
    }

    static RunResult run(String input, Long seed, String onlyCheck, String submission, Duration timeout, LabListener listener) {
        return engine.run(new RunRequest(List.of(LABS.resolve(input)), seed, null, onlyCheck,
            submission == null ? null : LABS.resolve(submission), null, timeout), listener);
    }

    static RunResult run(String input) {
        return run(input, null, null, null, null, LabListener.NONE);
    }

    static LabResult lab(RunResult run, String id) {
        return run.labs().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    static CheckResult check(LabResult lab, String name) {
        return lab.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void passingLabsReportEveryCheckWithPointsStepsAndVirtualTime() {
        List<String> events = new ArrayList<>();
        RunResult run = run("basic", null, null, null, null, new LabListener() {
            public void labStarted(String id, String script) { events.add("start " + id); }
            public void checkFinished(String labId, CheckResult check) { events.add(labId + ": " + check.name()); }
            public void labFinished(LabResult result) { events.add("end " + result.id()); }
        });
        assertTrue(run.allPassed(), () -> run.toString());
        assertEquals(List.of("clock", "events"), run.labs().stream().map(LabResult::id).toList());

        LabResult clock = lab(run, "clock");
        assertEquals("Virtual clock basics", clock.title());
        assertEquals(42, clock.seed());
        assertEquals(5.5, clock.points());
        assertEquals(5.5, clock.maxPoints());
        CheckResult at = check(clock, "at() moves the clock");
        assertEquals("moving forward", at.step());
        assertEquals(1_500_000_000L, at.virtualTimeNanos());
        assertEquals(10, at.location().line());
        assertTrue(check(clock, "units and arithmetic").hidden());
        assertNull(check(clock, "starts at zero").step());
        assertEquals(1_750_000_000L, clock.virtualNanos());

        LabResult ev = lab(run, "events");
        assertEquals(Outcome.PASSED, ev.outcome());
        assertEquals(6_000_000_000L, ev.virtualNanos());
        assertEquals(700_000_000L, check(ev, "eventually stops at the event that makes it true").virtualTimeNanos());
        assertEquals("fired 3", ev.trace().faults().get(0).description());

        assertEquals("start clock", events.get(0));
        assertEquals("clock: starts at zero", events.get(1));
        assertEquals("end clock", events.get(6));
        assertEquals("end events", events.get(events.size() - 1));
    }

    @Test
    void theRunSeedOverridesTheLabsOwn() {
        RunResult run = run("basic/clock.lab.kts", 7L, null, null, null, LabListener.NONE);
        assertEquals(7, run.seed());
        assertEquals(7, lab(run, "clock").seed());
        assertEquals(Outcome.PASSED, lab(run, "clock").outcome());
    }

    @Test
    void aFailedExpectationSaysExpectedActualWhenAndWhere() {
        LabResult lab = lab(run("failing"), "expect");
        assertEquals(Outcome.FAILED, lab.outcome());
        assertEquals(Outcome.PASSED, check(lab, "passes first").outcome());

        CheckResult state = check(lab, "handshake state");
        assertEquals(Outcome.FAILED, state.outcome());
        assertEquals(0.0, state.points());
        assertEquals(3.0, state.maxPoints());
        assertTrue(state.message().contains("expected \"TCP_ESTABLISHED\""), state.message());
        assertTrue(state.message().contains("but was \"TCP_SYN_SENT\""), state.message());
        assertTrue(state.message().contains("at 1.5 s"), state.message());
        assertTrue(state.message().contains("expect.lab.kts:9"), state.message());
        assertEquals(9, state.location().line());
        assertEquals(1_500_000_000L, state.virtualTimeNanos());

        CheckResult late = check(lab, "too late");
        assertEquals(Outcome.FAILED, late.outcome());
        assertTrue(late.message().startsWith("not within 2 s: expected 100 but was 2"), late.message());
        assertEquals(3_500_000_000L, late.virtualTimeNanos());

        assertEquals(Outcome.PASSED, check(lab, "still runs after failures").outcome());
    }

    @Test
    void aCompileErrorGivesFileLineColumnAndTheCompilersMessage() {
        LabResult lab = lab(run("broken"), "typo");
        assertEquals(Outcome.ERROR, lab.outcome());
        assertTrue(lab.error().contains("typo.lab.kts:4:5"), lab.error());
        assertTrue(lab.error().contains("Unresolved reference 'conection'"), lab.error());
        assertEquals(4, lab.errorLocation().line());
        assertEquals(5, lab.errorLocation().column());
        assertTrue(lab.checks().isEmpty());
        assertNull(lab.trace());
    }

    @Test
    void aNestedCheckIsACompileErrorThatSaysSo() {
        LabResult lab = lab(run("broken/nested.lab.kts"), "nested");
        assertEquals(Outcome.ERROR, lab.outcome());
        assertTrue(lab.error().contains("nested.lab.kts:2:5"), lab.error());
        assertTrue(lab.error().contains("a check cannot contain checks"), lab.error());
    }

    @Test
    void aThrowingLabErrorsAloneAndTheNextLabStillPasses() {
        RunResult run = run("mixed");
        LabResult bad = lab(run, "a-throws");
        assertEquals(Outcome.ERROR, bad.outcome());
        assertTrue(bad.error().startsWith("NullPointerException"), bad.error());
        assertEquals(9, bad.errorLocation().line());
        assertEquals(2_000_000_000L, bad.virtualNanos());
        assertEquals(Outcome.PASSED, check(bad, "before the crash").outcome());
        CheckResult thrower = check(bad, "a check that throws");
        assertEquals(Outcome.ERROR, thrower.outcome());
        assertTrue(thrower.message().contains("NoSuchElementException"), thrower.message());
        assertEquals(5, thrower.location().line());
        assertEquals(2, bad.checks().size());

        assertEquals(Outcome.PASSED, lab(run, "b-ok").outcome());
        assertTrue(!run.allPassed());
    }

    @Test
    void anEndlessLoopIsStoppedAtTheTimeLimitAndTheNextLabRuns() {
        long t0 = System.nanoTime();
        RunResult run = engine.run(new RunRequest(List.of(LABS.resolve("endless"), LABS.resolve("mixed/b-ok.lab.kts")),
            null, null, null, null, null, Duration.ofSeconds(2)), LabListener.NONE);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LabResult lab = lab(run, "loop");
        assertEquals(Outcome.ERROR, lab.outcome());
        assertTrue(lab.error().startsWith("time limit of 2 s exceeded"), lab.error());
        // and the real elapsed time, which a loaded machine makes longer than the limit
        double stoppedAfter = Double.parseDouble(lab.error().replaceAll("(?s).*stopped after ([0-9.]+) s.*", "$1"));
        assertTrue(stoppedAfter >= 2.0, lab.error());
        assertNotNull(lab.errorLocation());
        assertTrue(lab.errorLocation().line() == 4 || lab.errorLocation().line() == 5, lab.error());
        assertEquals(List.of("before the loop"), lab.checks().stream().map(CheckResult::name).toList());
        assertEquals(Outcome.PASSED, lab(run, "b-ok").outcome());
        assertTrue(millis < 30_000, "took " + millis + " ms");
        // Java 17: Thread.stop ended the busy loop; it is not left spinning in the background
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("lab-loop") && t.isAlive()),
            "the lab thread still runs");
    }

    @Test
    void runningOutOfMemoryErrorsThatLabOnly() {
        RunResult run = engine.run(new RunRequest(List.of(LABS.resolve("memory"), LABS.resolve("mixed/b-ok.lab.kts")),
            null, null, null, null, null, null), LabListener.NONE);
        LabResult hog = lab(run, "hog");
        assertEquals(Outcome.ERROR, hog.outcome());
        assertTrue(hog.error().startsWith("out of memory (at "), hog.error());
        assertEquals(3, hog.errorLocation().line());
        assertEquals(Outcome.PASSED, lab(run, "b-ok").outcome());
    }

    @Test
    void aSubmissionGivesAnswersParametersAndAnImplementation() {
        LabResult lab = lab(run("submission/labs", null, null, "submission/good", null, LabListener.NONE), "greeting");
        assertEquals(Outcome.PASSED, lab.outcome(), lab::toString);
        assertEquals(4.0, lab.points());
    }

    @Test
    void aLabWithoutTheSubmissionItNeedsIsSkippedSayingHowToGiveOne() {
        LabResult lab = lab(run("submission/labs"), "greeting");
        assertEquals(Outcome.SKIPPED, lab.outcome(), lab::toString);
        CheckResult skipped = lab.checks().get(lab.checks().size() - 1);
        assertEquals(Outcome.SKIPPED, skipped.outcome());
        assertTrue(skipped.message().contains("needs a submission") && skipped.message().contains("--submission DIR"),
            skipped.message());
    }

    @Test
    void aSubmissionThatDoesNotCompileErrorsItsCheckWithTheLine() {
        LabResult lab = lab(run("submission/labs", null, null, "submission/broken", null, LabListener.NONE), "greeting");
        CheckResult impl = check(lab, "the implementation greets");
        assertEquals(Outcome.ERROR, impl.outcome());
        assertTrue(impl.message().contains("does not compile"), impl.message());
        assertTrue(impl.message().contains("greeter.kts:2:"), impl.message());
        assertTrue(impl.message().contains("'nme'"), impl.message());
    }

    @Test
    void onlyRunsTheChecksNamedAndSkipsTheRest() {
        LabResult lab = lab(run("basic/clock.lab.kts", null, "zero", null, null, LabListener.NONE), "clock");
        assertEquals(Outcome.PASSED, check(lab, "starts at zero").outcome());
        assertEquals(4, lab.checks().stream().filter(c -> c.outcome() == Outcome.SKIPPED).count());
        assertEquals(Outcome.PASSED, lab.outcome());
    }

    @Test
    void onlyLabPicksOneLabById() {
        RunResult run = engine.run(new RunRequest(List.of(LABS.resolve("mixed")), null, "b-ok", null, null, null, null),
            LabListener.NONE);
        assertEquals(List.of("b-ok"), run.labs().stream().map(LabResult::id).toList());
    }

    @Test
    void compiledScriptsAreCachedAndReusedByAnotherEngine() throws Exception {
        run("mixed/b-ok.lab.kts");
        long jars;
        try (Stream<Path> files = Files.list(cache)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).count();
        }
        assertTrue(jars >= 1, "no cached jar in " + cache);
        RunResult again = new LabEngine(cache).run(new RunRequest(List.of(LABS.resolve("mixed/b-ok.lab.kts")),
            null, null, null, null, null, null), LabListener.NONE);
        assertEquals(Outcome.PASSED, again.labs().get(0).outcome());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(jars, files.filter(p -> p.toString().endsWith(".jar")).count());
        }
    }
}
