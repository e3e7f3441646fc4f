package dev.tcplab.lab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.result.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one console format of the CLI and the Maven plugin. */
class ConsoleLinesTest {
    static CheckResult check(String name, String step, Outcome outcome, String message, long nanos) {
        double max = 2;
        return new CheckResult(name, step, outcome == Outcome.PASSED ? max : 0, max, false, outcome, message, nanos, null);
    }

    static LabResult lab(String id, Outcome outcome, String error, List<CheckResult> checks) {
        return new LabResult(id, "Title of " + id, id + ".lab.kts", 1, outcome, error,
            error == null ? null : new SourceLocation(id + ".lab.kts", 3, 0), checks, null, 10, 500_000_000);
    }

    @Test
    void aCheckLineHasMarkNamePointsAndVirtualTimeThenWhyOnce() {
        assertEquals(List.of("  ✓ SYN › one SYN  2/2  @500 ms"), ConsoleLines.check(check("one SYN", "SYN", Outcome.PASSED, null, 500_000_000)));
        assertEquals(List.of("  ✗ states  0/2  @1.5 s", "      expected A", "      but was B"),
            ConsoleLines.check(check("states", null, Outcome.FAILED, "expected A\nbut was B", 1_500_000_000)));
        assertEquals(List.of("  ✗ boom  0/2  ERROR"), ConsoleLines.check(check("boom", null, Outcome.ERROR, null, -1)));
        assertEquals(List.of("  - later  skipped"), ConsoleLines.check(check("later", null, Outcome.SKIPPED, null, 0)));
    }

    @Test
    void aLabErrorSaysWhereOnceAndTheVerdictFollows() {
        List<String> lines = ConsoleLines.labFinished(lab("x", Outcome.ERROR, "NullPointerException", List.of()));
        assertEquals(List.of("  ✗ lab error:", "      NullPointerException (x.lab.kts:3)",
            "  ERROR  Title of x: 0/0 points, 0 checks, virtual 500 ms, seed 1"), lines);
        // a message that names its place already is not given it twice
        assertEquals("      boom (x.lab.kts:3)",
            ConsoleLines.labFinished(lab("x", Outcome.ERROR, "boom (x.lab.kts:3)", List.of())).get(1));
    }

    @Test
    void theSummaryLineNamesWhatDidNotPassTheFirstFiveThenCounts() {
        RunResult green = new RunResult(1, List.of(lab("a", Outcome.PASSED, null,
            List.of(check("c", null, Outcome.PASSED, null, 0)))), 1234);
        assertEquals("PASSED: 1 lab, 1 passed, 0 failed, 0 errors; 2/2 points; 1.2 s", ConsoleLines.summary(green));

        List<CheckResult> many = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            many.add(check("c" + i, i == 1 ? "step" : null, Outcome.FAILED, "why " + i, 0));
        }
        RunResult red = new RunResult(1, List.of(lab("b", Outcome.FAILED, null, many), lab("e", Outcome.ERROR, "compile", List.of())),
            2000);
        assertEquals("FAILED: 2 labs, 0 passed, 1 failed, 1 error; 0/12 points; 2.0 s; not passed: b › step › c1, b › c2, "
            + "b › c3, b › c4, b › c5 and 2 more", ConsoleLines.summary(red));
        assertEquals(List.of("b › step › c1", "b › c2", "b › c3", "b › c4", "b › c5", "b › c6", "e (error)"),
            ConsoleLines.notPassed(red));
    }
}
