package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.report.JsonReader;
import dev.tcplab.lab.report.ResultJson;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grader against FakeWorker: each lab's file name picks a behaviour. Every lab defines
 * a (2 points), b (3), c (1, hidden); the parent's definitions, not the worker, set the points.
 */
class GraderTest {
    static final CheckCatalog CATALOG = (scripts, seed) -> scripts.stream().map(s -> new LabDefinition(
        s.getFileName().toString().replace(".lab.kts", ""), null, s.toString(), List.of(
            new LabDefinition.CheckDefinition("a", null, 2, false),
            new LabDefinition.CheckDefinition("b", "step one", 3, false),
            new LabDefinition.CheckDefinition("c", null, 1, true)), null)).toList();

    @TempDir
    Path tmp;
    Path labs;
    Path submission;
    Path reports;

    @BeforeEach
    void folders() throws IOException {
        labs = Files.createDirectories(tmp.resolve("labs"));
        submission = Files.createDirectories(tmp.resolve("submission"));
        reports = tmp.resolve("reports");
        Files.writeString(submission.resolve("reports-path.txt"), reports.toString());
    }

    private Grader.Outcome grade(boolean sandbox, String heap, String... kinds) throws IOException {
        for (String k : kinds) {
            Files.writeString(labs.resolve(k + ".lab.kts"), "// fake: " + k);
        }
        Grader.Setup setup = new Grader.Setup(CATALOG, FakeWorker.class.getName(),
            WorkerClasspath.of(getClass().getClassLoader()), 1 << 20, sandbox);
        return Grader.grade(new Grader.Request(List.of(labs), submission, reports, 5L, Duration.ofSeconds(2), heap), setup);
    }

    private Map<String, LabResult> results(String... kinds) throws IOException {
        Map<String, LabResult> m = new LinkedHashMap<>();
        for (String k : kinds) {
            m.put(k, ResultJson.read(JsonReader.parse(Files.readString(reports.resolve(k).resolve("result.json")))));
        }
        return m;
    }

    @Test
    void everyMisbehaviourCostsItsLabAndNothingElse() throws IOException {
        String[] kinds = {"good", "partial", "missing", "tampered", "forged", "malformed", "wrong-id", "exit-early",
            "crash", "loop", "alloc", "flood-out", "flood-err", "write-reports"};
        Grader.Outcome o = grade(false, "48m", kinds);
        Map<String, LabResult> r = results(kinds);
        Map<String, Double> points = new LinkedHashMap<>();
        r.forEach((k, lab) -> points.put(k, lab.points()));
        Map<String, Double> expected = new LinkedHashMap<>();
        for (String k : kinds) {
            expected.put(k, 0.0);
        }
        expected.put("good", 6.0);
        expected.put("partial", 3.0);
        expected.put("missing", 3.0);
        expected.put("tampered", 2.0);
        assertEquals(expected, points);
        assertEquals(14.0, o.score());
        assertEquals(6.0 * kinds.length, o.maxScore());
        assertFalse(o.allPassed());
        for (LabResult lab : r.values()) {
            assertEquals(6.0, lab.maxPoints(), lab.id() + ": worth what the definitions say");
        }

        assertEquals("no result for this check from the grading worker", check(r.get("missing"), "b").message());
        CheckResult tamperedA = check(r.get("tampered"), "a");
        assertEquals(List.of(2.0, 2.0, Outcome.PASSED), List.of(tamperedA.points(), tamperedA.maxPoints(), tamperedA.outcome()));
        assertEquals("the grading worker reported this check 2 times (defined 1)", check(r.get("tampered"), "c").message());
        assertTrue(r.get("tampered").error().contains("ignored 1 check result(s) the lab does not define"));
        assertEquals(1, r.get("tampered").checks().stream().filter(c -> c.name().equals("c")).count());
        assertTrue(check(r.get("tampered"), "c").hidden(), "hidden comes from the definition");

        assertTrue(r.get("forged").error().contains("ended without finishing"), r.get("forged").error());
        assertTrue(check(r.get("malformed"), "a").message().startsWith("not graded: the grading worker's result did not parse"));
        assertTrue(r.get("wrong-id").error().contains("reported lab 'good' instead of 'wrong-id'"));
        assertTrue(r.get("exit-early").error().contains("ended without finishing"));
        assertTrue(r.get("crash").error().contains("exited abnormally with status 1"));
        assertTrue(r.get("crash").error().contains("submission blew up"), "stderr head helps");
        assertTrue(r.get("loop").error().contains("stopped at the time limit (2.0 s wall clock)"), r.get("loop").error());
        assertTrue(r.get("alloc").error().contains("status 3 (out of memory)"), r.get("alloc").error());
        assertTrue(r.get("flood-out").error().contains("wrote too much output"));
        assertTrue(r.get("flood-err").error().contains("wrote too much output"));
        assertTrue(r.get("write-reports").error().contains("reports directory changed"));
        for (String k : List.of("loop", "crash", "alloc", "flood-out")) {
            assertEquals(Outcome.ERROR, r.get(k).outcome());
            assertTrue(r.get(k).checks().stream().allMatch(c -> c.outcome() == Outcome.ERROR && c.points() == 0));
        }

        // the parent wrote the reports afterwards: the worker's scribble is gone
        assertTrue(Files.readString(reports.resolve("index.html")).contains("<h1>Lab reports</h1>"));
        String results = Files.readString(o.resultsJson());
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(results);
        assertEquals(14L, json.get("score"));
        List<?> tests = (List<?>) json.get("tests");
        assertEquals(3 * kinds.length + (kinds.length - 4) + 1, tests.size(), "a test per check, one per lab error (tampered: the ignored check)");
        double sum = 0;
        for (Object t : tests) {
            sum += ((Number) ((Map<?, ?>) t).get("score")).doubleValue();
        }
        assertEquals(14.0, sum);
    }

    @Test
    void sandboxRefusesExitWritesReflectionAndExec() throws IOException {
        Grader.Outcome o = grade(true, null, "sandboxed", "good");
        LabResult sandboxed = results("sandboxed").get("sandboxed");
        assertEquals(null, sandboxed.error(), "sandbox lets the worker report");
        assertEquals(12.0, o.score(), "the attacks were all refused, and ordinary work still runs");
        assertTrue(o.allPassed());
        assertFalse(Files.exists(reports.resolve("pwned.txt")));
    }

    @Test
    void sandboxIsWhatStopsTheAttacks() throws IOException {
        // without the sandbox the same attack succeeds (so the test above can fail)
        Grader.Outcome o = grade(false, null, "sandboxed");
        assertEquals(0.0, o.score());
        assertTrue(results("sandboxed").get("sandboxed").error().contains("exited abnormally with status 7"));
    }

    @Test
    void missingSubmissionIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grader.grade(
            new Grader.Request(List.of(labs), tmp.resolve("nope"), reports, null, null, null)));
        assertTrue(e.getMessage().contains("submission directory not found"));
        assertThrows(IllegalArgumentException.class, () -> Grader.grade(
            new Grader.Request(List.of(labs), submission, reports, null, null, "1g -XX:+Foo")));
    }

    @Test
    void aLabWhoseChecksCannotBeListedScoresNothing() throws IOException {
        Files.writeString(labs.resolve("x.lab.kts"), "");
        CheckCatalog broken = (scripts, seed) -> List.of(new LabDefinition("x", null, scripts.get(0).toString(),
            List.of(), "the lab's checks could not be listed"));
        Grader.Outcome o = Grader.grade(new Grader.Request(List.of(labs), submission, reports, null, Duration.ofSeconds(2), null),
            new Grader.Setup(broken, "no.such.Main", List.of(), 1 << 20, false));
        assertEquals(List.of(0.0, 0.0, false), List.of(o.score(), o.maxScore(), o.allPassed()));
    }

    @Test
    void recordsNeedTheToken() {
        String token = "t".repeat(48);
        byte[] out = (token + " LAB {}\nnoise\n" + token.substring(1) + " LAB {}\n" + token + " END\n" + token + " LAB {}\n")
            .getBytes();
        Marking.Records r = Marking.records(out, token);
        assertEquals(List.of("{}"), r.labs());
        assertTrue(r.ended());
        assertEquals(3, r.foreign());
    }

    private static CheckResult check(LabResult lab, String name) {
        List<CheckResult> found = new ArrayList<>(lab.checks().stream().filter(c -> c.name().equals(name)).toList());
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    @Test
    void solutionsAndTemplatesAreNotLabsWhereverTheLabsLive() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("solution/labs")); // a course folder may be called so
        for (String f : List.of("q/q.lab.kts", "q/solution/s.lab.kts", "q/submission-template/t.lab.kts")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "");
        }
        assertEquals(List.of(root.resolve("q/q.lab.kts")), Grader.scripts(List.of(root)));
    }
}
