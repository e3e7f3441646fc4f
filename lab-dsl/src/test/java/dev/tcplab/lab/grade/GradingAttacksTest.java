package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adversarial suite: one hostile submission per attack class against an exercise built to be
 * attacked (src/test/resources/grading/guarded: 1 point for honest work, 9 for what only the grader
 * has). Each attack does the honest part right, so its exact score is 1 of 10: the attack earned
 * nothing, and the sandbox took nothing from honest code. What each attack reports back (it
 * returns what it achieved) must show every wall held, and the test checks the host for what
 * an attack could have left behind. Runs on every JDK the build runs it on (17, and 25 where
 * installed: see the java25 profile in lab-dsl/pom.xml). Needs bubblewrap (CI installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingAttacksTest {
    static final Path RESOURCES = Path.of("src/test/resources/grading");

    Path work;
    Path lab;
    Grader grader;

    @BeforeAll
    void grader() throws IOException {
        SandboxAssumption.requireSandbox();
        work = Files.createTempDirectory("tcplab-attacks-");
        lab = work.resolve("guarded");
        Files.createDirectories(lab.resolve("solution"));
        for (String f : List.of("guarded.lab.kts", "secret.txt", "solution/attack.kts", "solution/answers.properties")) {
            Files.copy(RESOURCES.resolve("guarded").resolve(f), lab.resolve(f));
        }
        grader = new Grader(new Grader.Settings(List.of(work), Set.of(), null, Duration.ofSeconds(120), null, false));
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (grader != null) {
            grader.close();
        }
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** How the isolation's description starts: which sandbox this class tests. */
    String isolationPrefix() {
        return "bubblewrap";
    }

    /** What an attack's report must show under this sandbox (the unshare fallback has no seccomp). */
    String expectation(String attack, String shows) {
        return shows;
    }

    private Grader.Outcome grade(Path submission) {
        Grader.Outcome o = grader.grade(submission, false, work.resolve("reports-" + submission.getFileName()));
        assertEquals(List.of(), o.problems(), "the grading machine graded");
        assertTrue(o.isolation().startsWith(isolationPrefix()), o.isolation());
        return o;
    }

    private static CheckResult check(Grader.Outcome o, String name) {
        LabResult lab = o.run().labs().get(0);
        return lab.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Path attack(String name) throws IOException {
        Path dir = work.resolve("submission-" + name);
        Files.createDirectories(dir);
        Files.copy(RESOURCES.resolve("attacks").resolve(name).resolve("attack.kts"), dir.resolve("attack.kts"));
        return dir;
    }

    private static String results(Grader.Outcome o) throws IOException {
        return Files.readString(o.resultsJson(), StandardCharsets.UTF_8);
    }

    /** Nothing of what the grader hides ever reaches what the student sees. */
    private static void noSecretsIn(Grader.Outcome o) throws IOException {
        String json = results(o);
        for (String secret : List.of("SECRET-4d2e81aa90c7", "HIDDEN-7f3a9c51e2", "swordfish-0b8e", "root:")) {
            assertFalse(json.contains(secret), "results.json holds " + secret);
        }
    }

    @Test
    void theReferenceSolutionGetsFullMarks() {
        Grader.Outcome o = grade(lab.resolve("solution"));
        assertEquals(10.0, o.score(), () -> String.join("\n", GradeTable.lines(o)));
        assertEquals(10.0, o.maxScore());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // attack          | what the secret check's message must show
        "forge-api         | not the secret: escaped=[]",
        "forge-stream      | not the secret: SECRET-forged",
        "read-everything   | not the secret: found=[]",
        "run-programs      | not the secret: ran=[]",
        "native            | not the secret: found=[]",
        "exit              | the submission's process ended while apply() of attack.kts ran (exit status 0)",
        "flood             | printed more than 1048576 bytes and was stopped",
        "oom               | (out of memory: the heap is capped at 384m)",
        "recursion         | apply() of attack.kts threw StackOverflowError",
        "thread-death      | apply() of attack.kts did not finish within 15.0 s of wall time (3 × its 5.0 s CPU limit); its process was stopped after ",
        "spin              | apply() of attack.kts did not finish within 5.0 s of CPU time; its process was stopped after ",
    })
    void anAttackEarnsOnlyItsHonestPoint(String name, String shows) throws IOException {
        Grader.Outcome o = grade(attack(name));
        String table = String.join("\n", GradeTable.lines(o));
        assertEquals(1.0, o.score(), table);
        assertEquals(10.0, o.maxScore(), table);
        assertEquals(Outcome.PASSED, check(o, "honest work: 2+2").outcome(), table);
        CheckResult secret = check(o, "the secret beside the lab");
        String expected = expectation(name, shows);
        assertTrue(secret.message() != null && secret.message().contains(expected), secret.message());
        noSecretsIn(o);
    }

    @Test
    void symlinkedSubmissionFilesAreRefused() throws IOException {
        Path dir = Files.createDirectories(work.resolve("submission-symlinks"));
        Files.createSymbolicLink(dir.resolve("attack.kts"), lab.resolve("solution/attack.kts"));
        Files.createSymbolicLink(dir.resolve("answers.properties"), lab.resolve("solution/answers.properties"));
        Grader.Outcome o = grade(dir);
        assertEquals(0.0, o.score(), String.join("\n", GradeTable.lines(o)));
        assertTrue(check(o, "an answer file").message().contains("answers.properties was not used: it is a symbolic link"),
            check(o, "an answer file").message());
        assertTrue(check(o, "honest work: 2+2").message().contains("attack.kts was not used: it is a symbolic link"));
    }

    @Test
    void hardLinkedSubmissionFilesAreRefused() throws IOException {
        // files of this machine the student can reach (another student's, a leaked copy of the solution):
        // hard links to them pass every test of a link but the link count
        Path leaked = Files.createDirectories(work.resolve("leaked"));
        Files.copy(lab.resolve("solution/attack.kts"), leaked.resolve("attack.kts"));
        Files.copy(lab.resolve("solution/answers.properties"), leaked.resolve("answers.properties"));
        Path dir = Files.createDirectories(work.resolve("submission-hardlinks"));
        Files.createLink(dir.resolve("attack.kts"), leaked.resolve("attack.kts"));
        Files.createLink(dir.resolve("answers.properties"), leaked.resolve("answers.properties"));
        Grader.Outcome o = grade(dir);
        assertEquals(0.0, o.score(), String.join("\n", GradeTable.lines(o)));
        assertTrue(check(o, "an answer file").message().contains("it has 2 hard links"), check(o, "an answer file").message());
    }

    @Test
    void writingOutsideItsTmpLeavesNothing() throws IOException {
        Path outside = Files.createDirectories(work.resolve("host-folder"));
        outside.toFile().setWritable(true, false); // world-writable: only the sandbox's walls stop the write
        Path dir = attack("write-outside");
        Files.writeString(dir.resolve("answers.properties"), "outside = " + outside + "\n");
        Grader.Outcome o = grade(dir);
        assertEquals(1.0, o.score(), String.join("\n", GradeTable.lines(o)));
        assertTrue(check(o, "the secret beside the lab").message().contains("not the secret: wrote=[]"),
            check(o, "the secret beside the lab").message());
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList());
        }
        try (Stream<Path> s = Files.list(lab)) {
            assertEquals(Set.of("guarded.lab.kts", "secret.txt", "solution"),
                Set.copyOf(s.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void theGradingHostsLoopbackIsOutOfReach() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                try {
                    listener.setSoTimeout(200);
                    while (!Thread.currentThread().isInterrupted()) {
                        try (Socket s = listener.accept()) {
                            accepted.incrementAndGet();
                        } catch (SocketTimeoutException again) {
                            // keep listening
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path dir = attack("network");
            Files.writeString(dir.resolve("answers.properties"), "port = " + listener.getLocalPort() + "\n");
            Grader.Outcome o = grade(dir);
            acceptor.interrupt();
            assertEquals(1.0, o.score(), String.join("\n", GradeTable.lines(o)));
            assertTrue(check(o, "the secret beside the lab").message().contains("not the secret: connected=[]"),
                check(o, "the secret beside the lab").message());
            assertEquals(0, accepted.get(), "connections that reached the grading host's listener");
        }
    }

    @Test
    void aPoisonedCacheNeverRunsInTheGraderOrALaterGrading() throws IOException {
        Path userCache = Path.of(System.getProperty("user.home"), ".cache", "tcplab", "scripts");
        Grader.Outcome o = grade(attack("cache-poison"));
        assertEquals(1.0, o.score(), String.join("\n", GradeTable.lines(o)));
        assertTrue(check(o, "the secret beside the lab").message().contains("not the secret: planted=[]"),
            check(o, "the secret beside the lab").message());
        if (Files.isDirectory(userCache)) {
            try (Stream<Path> s = Files.walk(userCache)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).startsWith("POISON"), p.toString());
                }
            }
        }
        // the next grading with the same grader (its compiled lab, its caches) is unaffected
        assertEquals(10.0, grade(lab.resolve("solution")).score());
    }

    @Test
    void waitingForTheSubmissionIsNeitherItsWorkNorTheLabs() throws IOException {
        // the honest answer comes after 6 s of wall time: more than the call's 5 s (of CPU time) and than
        // this lab's 4 s limit (its own time, the waits for the submission left out); a loaded grading
        // machine stretches honest work the same way
        try (Grader impatient = new Grader(new Grader.Settings(List.of(work), Set.of(), null, Duration.ofSeconds(4),
                null, false))) {
            Grader.Outcome o = impatient.grade(attack("patient"), false, work.resolve("reports-patient"));
            String table = String.join("\n", GradeTable.lines(o));
            assertEquals(Outcome.PASSED, check(o, "honest work: 2+2").outcome(), table);
            assertEquals(1.0, o.score(), table);
            assertTrue(check(o, "the secret beside the lab").message().contains("not the secret: patient"), table);
        }
    }

    @Test
    void threadsHooksAndForksDoNotOutliveTheLab() throws IOException {
        Grader.Outcome o = grade(attack("outlive"));
        assertEquals(1.0, o.score(), String.join("\n", GradeTable.lines(o)));
        assertTrue(check(o, "the secret beside the lab").message().contains(expectation("outlive", "not the secret: forks=0")),
            check(o, "the secret beside the lab").message());
        List<String> left = submissionProcesses();
        for (int i = 0; i < 50 && !left.isEmpty(); i++) { // the kernel tears a pid namespace down asynchronously
            sleep(100);
            left = submissionProcesses();
        }
        assertEquals(List.of(), left, "submission processes still running after grading");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Processes running the submission main (or bubblewrap) anywhere on this machine. */
    static List<String> submissionProcesses() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains("dev.tcplab.lab.untrusted.SubmissionMain")) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }
}
