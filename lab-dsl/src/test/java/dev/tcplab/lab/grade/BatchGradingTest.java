package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.cli.Main;
import dev.tcplab.lab.engine.LabEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of submissions graded as a course grades an export: through the CLI, two at a time,
 * a results.json per submission and one gradebook with each submission's exact points per
 * exercise; a looping and a non-compiling submission are scored (not lost), a link is not a
 * submission, and a folder name built to run as a spreadsheet formula is neutralised.
 */
class BatchGradingTest {
    static final Path LABS = Path.of("../labs");
    static final String PREDICT = "12-exercise-predict";
    static final String ISN = "14-exercise-isn-generator";

    @TempDir
    Path tmp;

    @BeforeAll
    static void sandbox() {
        SandboxAssumption.requireSandbox();
    }

    /** A submission made of the solution's answers with {@code replace} applied, and {@code isn} as isn.kts. */
    private void submission(Path root, String name, String answersFrom, String to, String isn) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Path predict = Files.createDirectories(dir.resolve(PREDICT));
        String answers = Files.readString(LABS.resolve(PREDICT).resolve("solution/answers.properties"));
        Files.writeString(predict.resolve("answers.properties"), answersFrom == null ? answers : answers.replace(answersFrom, to));
        Files.writeString(Files.createDirectories(dir.resolve(ISN)).resolve("isn.kts"), isn);
    }

    @Test
    void aFolderOfSubmissionsBecomesAGradebookWithExactScores() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("export"));
        String goodIsn = Files.readString(LABS.resolve(ISN).resolve("solution/isn.kts"));
        String templateIsn = Files.readString(LABS.resolve(ISN).resolve("submission-template/isn.kts"));
        submission(root, "alice", null, null, goodIsn);                                        // 12 + 9
        submission(root, "bob", "request_state = TCP_NEW_SYN_RECV", "request_state = SYN_RECV", templateIsn); // 11 + 0
        submission(root, "carol", null, null, "this is not Kotlin {");                        // 12 + 0
        submission(root, "dave", null, null, """
            import dev.tcplab.stack.tcp.Tcp
            import dev.tcplab.stack.wire.Ipv4Address
            object : Tcp.IsnHook {
                override fun isn(saddr: Ipv4Address, daddr: Ipv4Address, sport: Int, dport: Int, nowNanos: Long): Int {
                    while (true) { }
                }
            }
            """);                                                                               // 12 + 0, within the call limit
        submission(root, "=HYPERLINK(\"x\";\"y\")", null, null, goodIsn);               // 21, name neutralised
        Files.createSymbolicLink(root.resolve("mallory"), root.resolve("alice"));             // a link: not a submission
        Files.createDirectories(root.resolve(".git"));                                          // hidden: not a submission

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path reports = tmp.resolve("reports");
        int status = new Main(() -> new LabEngine(tmp.resolve("cache")), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"grade", "--submissions", root.toString(),
            "--parallel", "2", "--reports", reports.toString(), LABS.toString()});
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("5 submissions, 5 graded, 0 not graded"), text);
        assertTrue(text.contains("at parallelism 2"), text);

        List<String> book = Files.readAllLines(reports.resolve("gradebook.csv"));
        assertEquals("submission,score,max_score,predict-the-handshake,isn-generator,status,isolation,why", book.get(0));
        assertEquals(6, book.size(), String.join("\n", book));
        // rows in name order: '=' sorts before letters
        assertTrue(book.get(1).startsWith("\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\",21,21,12,9,full marks,"), book.get(1));
        assertTrue(book.get(2).startsWith("alice,21,21,12,9,full marks,\"bubblewrap"), book.get(2));
        assertTrue(book.get(3).startsWith("bob,11,21,11,0,graded,"), book.get(3));
        assertTrue(book.get(4).startsWith("carol,12,21,12,0,graded,"), book.get(4));
        assertTrue(book.get(5).startsWith("dave,12,21,12,0,graded,"), book.get(5));
        assertFalse(String.join("\n", book).contains("mallory"), "a link is not a submission");

        for (String s : List.of("alice", "bob", "carol", "dave")) {
            assertTrue(Files.isRegularFile(reports.resolve(s).resolve("results.json")), s);
        }
        assertTrue(Files.readString(reports.resolve("bob/results.json")).contains("\"score\": 11"));
    }

    @Test
    void cellsAStudentNamesCannotBecomeFormulas() {
        assertEquals("'=1+1", Gradebook.cell("=1+1"));
        assertEquals("'@SUM(A1)", Gradebook.cell("@SUM(A1)"));
        assertEquals("\"'+a,b\"", Gradebook.cell("+a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Gradebook.cell("say \"hi\""));
        assertEquals("plain", Gradebook.cell("plain"));
    }

    @Test
    void badParallelismAndAnEmptyFolderAreUsageErrors() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("empty"));
        for (String[] args : List.of(
                new String[] {"grade", "--submissions", root.toString(), LABS.toString()},
                new String[] {"grade", "--submissions", root.toString(), "--parallel", "0", LABS.toString()},
                new String[] {"grade", "--submissions", root.toString(), "--parallel", "two", LABS.toString()},
                new String[] {"grade", "--submissions", root.toString(), "--solutions", LABS.toString()})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new Main(() -> new LabEngine(tmp.resolve("cache")), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
            assertEquals(2, status, Arrays.toString(args) + ": " + err.toString(StandardCharsets.UTF_8));
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("lab-reports")));
        }
    }
}
