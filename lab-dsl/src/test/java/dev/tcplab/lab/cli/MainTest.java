package dev.tcplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.engine.LabEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tcplab command line: exit statuses and the lines it prints. */
class MainTest {
    static final String LABS = "src/test/resources/labs/";

    @TempDir
    static Path cache;

    static LabEngine engine;

    ByteArrayOutputStream out;
    ByteArrayOutputStream err;

    @BeforeAll
    static void engine() {
        engine = new LabEngine(cache);
    }

    @BeforeEach
    void streams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    int tcplab(String... args) {
        return new Main(() -> engine, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passingLabsExitZeroWithALinePerCheckAndASummary() {
        assertEquals(0, tcplab("run", LABS + "basic"));
        List<String> lines = lines();
        assertEquals("▶ [1/2] clock  (" + LABS + "basic/clock.lab.kts)", lines.get(0));
        assertTrue(lines.contains("  ✓ starts at zero  1/1  @0 s"), lines::toString);
        assertTrue(lines.contains("  ✓ moving forward › at() moves the clock  2/2  @1.5 s"), lines::toString);
        assertTrue(lines.contains("  ✓ units and arithmetic (hidden)  1/1  @1.75 s"), lines::toString);
        assertTrue(lines.contains("  PASSED  Virtual clock basics: 5.5/5.5 points, 5 checks, virtual 1.75 s, seed 42"),
            lines::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("PASSED: 2 labs, 2 passed, 0 failed, 0 errors; 7.5/7.5 points; "),
            lines::toString);
    }

    @Test
    void aFailedCheckExitsOneAndSaysWhy() {
        assertEquals(1, tcplab("run", LABS + "failing"));
        List<String> lines = lines();
        int i = lines.indexOf("  ✗ handshake state  0/3  @1.5 s");
        assertTrue(i > 0, lines::toString);
        assertEquals("      expected \"TCP_ESTABLISHED\" but was \"TCP_SYN_SENT\" at 1.5 s (" + LABS
            + "failing/expect.lab.kts:9)", lines.get(i + 1));
        assertTrue(lines.get(lines.size() - 1).startsWith("FAILED: 1 lab, 0 passed, 1 failed, 0 errors; 2/6 points"),
            lines::toString);
        // printed once in full as it happened, and named once more in the last line
        assertTrue(lines.get(lines.size() - 1).endsWith(" s; not passed: expect › handshake state, expect › too late"),
            lines::toString);
        assertEquals(1, lines.stream().filter(l -> l.contains("expected \"TCP_ESTABLISHED\"")).count(), lines::toString);
    }

    @Test
    void versionIsTheMavenProjects() {
        String version = System.getProperty("tcplab.projectVersion");
        assertTrue(version != null && !version.isBlank() && !version.contains("${"), "surefire passes the pom's version");
        assertEquals(version, LabEngine.VERSION);
        assertEquals(0, tcplab("--version"));
        assertEquals(List.of("tcplab " + version), lines());
        out.reset();
        assertEquals(0, tcplab("--help"));
        assertTrue(lines().get(0).startsWith("tcplab " + version + " - "), lines()::toString);
    }

    @Test
    void newMakesANumberedWalkThroughThatRunsGreen(@TempDir Path labs) throws Exception {
        java.nio.file.Files.createDirectories(labs.resolve("01-first"));
        java.nio.file.Files.createDirectories(labs.resolve("02-second"));
        assertEquals(0, tcplab("new", "--dir", labs.toString(), "--kind", "walkthrough", "fin-close"));
        Path lab = labs.resolve("03-fin-close");
        assertEquals(List.of("created " + lab.resolve("fin-close.lab.kts"), "created " + lab.resolve("README.md"),
            "start here: " + lab.resolve("README.md") + ", then " + lab.resolve("fin-close.lab.kts"),
            "run it: tcplab run " + lab + "   (every check green)", dev.tcplab.lab.scaffold.Scaffold.WRITING_IT), lines());
        out.reset();
        assertEquals(0, tcplab("run", lab.toString()), out::toString);
        assertTrue(lines().get(lines().size() - 1).startsWith("PASSED: 1 lab, 1 passed, 0 failed, 0 errors; 4/4 points"),
            lines()::toString);

        out.reset();
        assertEquals(0, tcplab("new", "--dir", labs.toString(), "--number", "12", "predict"));
        assertTrue(lines().contains("created " + labs.resolve("12-predict/solution/answers.properties")), lines()::toString);
        assertEquals(2, tcplab("new", "--dir", labs.toString(), "--kind", "quiz", "x"));
        assertTrue(errText().contains("lab kind 'quiz': use walkthrough or exercise"), errText());
        assertEquals(1, tcplab("new", "--dir", labs.toString(), "--number", "1", "y"));
        assertTrue(errText().contains("number 1 is taken by 01-first"), errText());
    }

    @Test
    void aLabErrorExitsOneAndTheOtherLabsStillRun() {
        assertEquals(1, tcplab("run", LABS + "mixed", LABS + "broken/typo.lab.kts"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("      NullPointerException (" + LABS + "mixed/a-throws.lab.kts:9)"), text);
        assertTrue(text.contains("      " + LABS + "broken/typo.lab.kts:4:5: Unresolved reference 'conection'."), text);
        assertTrue(text.contains("  ✓ fine  1/1  @0 s"), text);
        assertTrue(text.contains("FAILED: 3 labs, 1 passed, 0 failed, 2 errors"), text);
    }

    @Test
    void aCheckWithoutExpectationPassesWithAWarningLine() {
        assertEquals(0, tcplab("run", LABS + "warnings"));
        List<String> lines = lines();
        assertTrue(lines.contains("  ⚠ warning: check \"looks at the clock\" (" + LABS + "warnings/unexpecting.lab.kts:2) "
            + "makes no expectation: it passes whatever happens (use shouldBe, shouldBeAbout, expectThat, ...)"), lines::toString);
        assertTrue(lines.get(lines.size() - 2).startsWith("  PASSED  unexpecting: 1/1 points"), lines::toString);
    }

    @Test
    void optionsSelectLabsChecksAndSeed() {
        assertEquals(0, tcplab("run", "--lab", "clock", "--only", "zero", "--seed", "7", LABS + "basic"));
        List<String> lines = lines();
        assertTrue(lines.contains("  ✓ starts at zero  1/1  @0 s"), lines::toString);
        assertTrue(lines.contains("  - moving forward › at() moves the clock  skipped"), lines::toString);
        assertTrue(lines.contains("  PASSED  Virtual clock basics: 1/5.5 points, 5 checks, virtual 0 s, seed 7"), lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.contains("events")), lines::toString);
    }

    @Test
    void anEndlessLabIsStoppedByTimeout() {
        assertEquals(1, tcplab("run", "--timeout", "1", LABS + "endless"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("      time limit of 1 s exceeded (at "), out::toString);
    }

    @Test
    void usageErrorsExitTwoWithTheReason() {
        assertEquals(2, tcplab());
        assertEquals(2, tcplab("fly"));
        assertTrue(errText().contains("unknown command 'fly'"), errText());
        assertEquals(2, tcplab("run", "--seed", "many", LABS + "basic"));
        assertTrue(errText().contains("--seed wants a whole number, not 'many'"), errText());
        assertEquals(2, tcplab("run", LABS + "nowhere"));
        assertTrue(errText().contains("no such file or directory: " + LABS + "nowhere"), errText());
        assertEquals(2, tcplab("run", "--lab", "nope", LABS + "basic"));
        assertTrue(errText().contains("no lab named 'nope'"), errText());
        assertEquals(2, tcplab("run"));
        assertEquals(2, tcplab("run", "--frobnicate", LABS));
        assertEquals(2, tcplab("grade", LABS + "basic"));
        assertTrue(errText().contains("give one of --submission DIR, --submissions DIR or --solutions"), errText());
        assertEquals(2, tcplab("new", "Bad Name"));
        assertEquals(2, tcplab("help", "fly"));
    }

    @Test
    void helpReadsWell() {
        assertEquals(0, tcplab("--help"));
        String overview = out.toString(StandardCharsets.UTF_8);
        for (String command : List.of("run", "list", "grade", "new", "autograder", "classroom", "new-course", "help")) {
            assertTrue(overview.contains("\n  " + command + " "), overview);
        }
        out.reset();
        assertEquals(0, tcplab("help", "run"));
        List<String> lines = lines();
        assertEquals("Usage: tcplab run [options] FILES|DIRS...", lines.get(0));
        assertTrue(lines.contains("  -s, --seed N           seed for every lab (overrides each lab's own seed)"), lines::toString);
        out.reset();
        assertEquals(0, tcplab("grade", "--help"));
        assertTrue(lines().get(0).startsWith("Usage: tcplab grade (--submission DIR | --submissions DIR | --solutions)"), lines()::toString);
        assertTrue(lines().contains("      --solutions          grade each exercise with its own solution/ folder"), lines()::toString);
    }

    @Test
    void listShowsIdsTitlesAndChecksWithoutRunningThem() {
        assertEquals(0, tcplab("list", "--checks", LABS + "basic", LABS + "endless"));
        List<String> lines = lines();
        assertEquals("clock   Virtual clock basics  (5 checks, 5.5 points)", lines.get(0));
        assertEquals("          - at() moves the clock  [2]", lines.get(2));
        assertTrue(lines.contains("loop    Never ends  (1 check, 1 points)"),
            lines::toString);
        assertEquals("3 labs", lines.get(lines.size() - 1));
    }
}
