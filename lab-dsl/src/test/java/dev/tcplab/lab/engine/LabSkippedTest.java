package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.cli.Main;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab that needs what the machine lacks ends SKIPPED with the reason; the others run; end actions always run. */
class LabSkippedTest {
    @TempDir
    static Path cache;

    static LabEngine engine;
    static RunResult run;
    static Path marker;

    @BeforeAll
    static void runLabs() throws Exception {
        engine = new LabEngine(cache);
        marker = Files.createTempFile(cache, "marker", ".txt");
        Files.delete(marker);
        System.setProperty("tcplab.test.marker", marker.toString());
        run = engine.run(new RunRequest(List.of(LabEngineTest.LABS.resolve("skipping")), null, null, null, null, null, null),
            LabListener.NONE);
    }

    @Test
    void aLabThatSkipsItselfIsSkippedWithItsReasonAndKeepsEarlierChecks() {
        LabResult lab = LabEngineTest.lab(run, "a-skips-itself");
        assertEquals(Outcome.SKIPPED, lab.outcome());
        assertNull(lab.error(), "skipping is not an error");
        assertEquals(List.of("runs before the lab skips", "lab skipped"), lab.checks().stream().map(CheckResult::name).toList());
        assertEquals(Outcome.PASSED, lab.checks().get(0).outcome());
        CheckResult skipped = lab.checks().get(1);
        assertEquals(Outcome.SKIPPED, skipped.outcome());
        assertEquals("no unicorn on this machine: apt-get install -y unicorn", skipped.message());
        assertEquals(5, skipped.location().line(), String.valueOf(skipped.location()));
        assertEquals(0.0, skipped.maxPoints());
    }

    @Test
    void theOtherLabsStillRunAndTheRunCountsAsPassed() {
        assertEquals(Outcome.PASSED, LabEngineTest.lab(run, "b-runs").outcome());
        assertEquals(Outcome.ERROR, LabEngineTest.lab(run, "c-cleans-up").outcome());
        RunResult onlySkipAndPass = new RunResult(run.seed(), run.labs().stream().filter(l -> !l.id().equals("c-cleans-up")).toList(),
            run.wallMillis());
        assertTrue(onlySkipAndPass.allPassed(), "a skipped lab does not fail the run");
    }

    @Test
    void endActionsRunAfterTheLabErrored() throws Exception {
        LabResult lab = LabEngineTest.lab(run, "c-cleans-up");
        assertTrue(lab.error().contains("the lab breaks"), lab.error());
        assertEquals("cleaned up", Files.readString(marker));
    }

    @Test
    void theConsoleSaysSkippedWithTheReasonNotFailed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Main(() -> engine, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run("run", LabEngineTest.LABS.resolve("skipping/a-skips-itself.lab.kts").toString(),
                LabEngineTest.LABS.resolve("skipping/b-runs.lab.kts").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("  - lab skipped  skipped"), text);
        assertTrue(lines.contains("      no unicorn on this machine: apt-get install -y unicorn"), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  SKIPPED  Needs a unicorn")), text);
        assertTrue(lines.get(lines.size() - 1).startsWith("PASSED: 2 labs, 1 passed, 0 failed, 0 errors, 1 skipped"), text);
        assertFalse(text.contains("lab error"), text);
    }
}
