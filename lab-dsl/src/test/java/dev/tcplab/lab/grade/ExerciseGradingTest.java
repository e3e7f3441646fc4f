package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.cli.Main;
import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.result.LabResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled exercises (labs 12 and 14) graded as a course grades them: all exercises of the
 * curriculum into one results.json, the walk-throughs and the real-kernel lab left out; each
 * reference solution gets full marks, each submission template its exact partial score; and
 * through the CLI the same. Runs on every JDK the build runs it on (see the java25 profile).
 */
class ExerciseGradingTest {
    static final Path LABS = Path.of("../labs");

    @TempDir
    Path tmp;

    @BeforeAll
    static void sandbox() {
        SandboxAssumption.requireSandbox();
    }

    /** One submission folder for both exercises: a folder per exercise, named like the exercise's folder. */
    private Path submission(String kind) throws IOException {
        Path dir = tmp.resolve(kind);
        for (String lab : List.of("12-exercise-predict", "14-exercise-isn-generator")) {
            Path from = LABS.resolve(lab).resolve(kind);
            Path to = Files.createDirectories(dir.resolve(lab));
            try (Stream<Path> s = Files.list(from)) {
                for (Path f : s.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    private static Map<String, Double> scores(Grader.Outcome o) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (LabResult lab : o.run().labs()) {
            m.put(lab.id(), lab.points());
        }
        return m;
    }

    @Test
    void solutionsGetFullMarksAndTemplatesTheirExactScoreInOneResultsJson() throws IOException {
        Grader.Settings settings = new Grader.Settings(List.of(LABS), Set.of(), null, Duration.ofSeconds(120), null, false);
        try (Grader grader = new Grader(settings)) {
            assertEquals(List.of("predict-the-handshake.lab.kts", "isn-generator.lab.kts"),
                grader.exercises().stream().map(p -> p.getFileName().toString()).sorted(
                    java.util.Comparator.comparing((String n) -> !n.startsWith("predict"))).toList(),
                "only the exercises are graded");
            Grader.Outcome good = grader.grade(submission("solution"), false, tmp.resolve("good"));
            assertEquals(List.of(), good.problems());
            assertEquals(Map.of("predict-the-handshake", 12.0, "isn-generator", 9.0), scores(good),
                () -> String.join("\n", GradeTable.lines(good)));
            assertEquals(21.0, good.maxScore());
            String json = Files.readString(good.resultsJson());
            assertTrue(json.contains("\"score\": 21") && json.contains("predict-the-handshake: Q1")
                && json.contains("isn-generator: isn.kts loads"), json);
            assertTrue(json.contains("\"isolation\": \"bubblewrap"), json);
            assertTrue(Files.readString(tmp.resolve("good/TEST-grade.xml")).contains("name=\"isolation\" value=\"bubblewrap"));

            Grader.Outcome template = grader.grade(submission("submission-template"), false, tmp.resolve("template"));
            assertEquals(Map.of("predict-the-handshake", 0.0, "isn-generator", 0.0), scores(template),
                () -> String.join("\n", GradeTable.lines(template)));
            assertEquals(21.0, template.maxScore());
        }
    }

    @Test
    void theCliGradesBothExercisesIntoOneResultsJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path reports = tmp.resolve("cli");
        int status = new Main(() -> new LabEngine(tmp.resolve("cache")), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"grade", "--solutions", "--reports",
            reports.toString(), LABS.toString()});
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("Score: 21 / 21"), text);
        assertTrue(text.contains("Isolation: bubblewrap"), text);
        assertTrue(Files.readString(reports.resolve("results.json")).contains("\"score\": 21"));
    }
}
