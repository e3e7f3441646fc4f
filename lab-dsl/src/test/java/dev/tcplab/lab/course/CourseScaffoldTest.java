package dev.tcplab.lab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.cli.Main;
import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.grade.Grader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated course works as generated: its labs pass (the walk-through, and the exercise
 * against its solution), its reference solution gets full marks and its template none (the
 * exercise's checks can fail), and its pom names the plugin and the script definition by version.
 * Bad names and a non-empty folder are refused.
 */
class CourseScaffoldTest {
    @TempDir
    Path tmp;

    private int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main(() -> new LabEngine(tmp.resolve("cache")), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
        last = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private String last;

    @Test
    void aGeneratedCourseRunsAndGrades() throws IOException {
        Path course = tmp.resolve("net-course");
        assertEquals(0, cli("new-course", "--course", "net-course", "--group", "edu.uni.net", "--toolkit-version", "9.8.7",
            course.toString()), last);
        String pom = Files.readString(course.resolve("pom.xml"));
        assertTrue(pom.contains("<groupId>edu.uni.net</groupId>") && pom.contains("<artifactId>net-course</artifactId>")
            && pom.contains("<tcplab.version>9.8.7</tcplab.version>") && pom.contains("<artifactId>lab-maven-plugin</artifactId>")
            && pom.contains("<scope>provided</scope>"), pom);
        assertTrue(Files.readString(course.resolve(".gitignore")).contains("target/"));

        assertEquals(0, cli("run", course.resolve("labs").toString()), last);
        assertTrue(last.contains("The three-way handshake") && last.contains("Exercise: the handshake"), last);

        Grader.Settings settings = new Grader.Settings(List.of(course.resolve("labs")), Set.of(), null,
            Duration.ofSeconds(120), null, false);
        try (Grader grader = new Grader(settings)) {
            assertEquals(List.of("exercise-handshake.lab.kts"),
                grader.exercises().stream().map(p -> p.getFileName().toString()).toList(), "the walk-through is not graded");
            Path template = course.resolve("labs/02-exercise-handshake/submission-template");
            Grader.Outcome none = grader.grade(template, false, tmp.resolve("template"));
            assertEquals(0.0, none.score());
            assertEquals(3.0, none.maxScore());
            Grader.Outcome full = grader.grade(null, true, tmp.resolve("solutions"));
            assertEquals(3.0, full.score(), () -> String.join("\n", dev.tcplab.lab.grade.GradeTable.lines(full)));
        }
    }

    @Test
    void badNamesAndAnOccupiedFolderAreRefused() throws IOException {
        Files.writeString(Files.createDirectories(tmp.resolve("taken")).resolve("x"), "mine");
        assertEquals(2, cli("new-course", "--course", "net-course", tmp.resolve("taken").toString()));
        assertTrue(last.contains("not empty"), last);
        assertEquals("mine", Files.readString(tmp.resolve("taken/x")), "nothing overwritten");
        assertThrows(IllegalArgumentException.class,
            () -> CourseScaffold.write(tmp.resolve("a"), "Bad Name", "edu.x", "1"));
        assertThrows(IllegalArgumentException.class,
            () -> CourseScaffold.write(tmp.resolve("b"), "ok", "edu.x</groupId><x>", "1"));
        assertThrows(IllegalArgumentException.class,
            () -> CourseScaffold.write(tmp.resolve("c"), "ok", "edu.x", "1</version>"));
        // a repository URL is written into the pom as it is: nothing that could close an element
        for (String url : List.of("https://x.example/r</url><x>", "javascript:alert(1)", "file:///srv/m2\"x", "ftp://x/r", "")) {
            assertThrows(IllegalArgumentException.class,
                () -> CourseScaffold.write(tmp.resolve("d"), "ok", "edu.x", "1", url), url);
        }
        assertTrue(Files.notExists(tmp.resolve("d")), "nothing written for a refused URL");
    }

    @Test
    void aToolkitRepositoryIsNamedForPluginsAndDependencies() throws IOException {
        Path course = tmp.resolve("net-course");
        assertEquals(0, cli("new-course", "--course", "net-course", "--toolkit-repository", "https://maven.uni.example/releases",
            course.toString()), last);
        String pom = Files.readString(course.resolve("pom.xml"));
        assertTrue(pom.contains("<repository><id>tcplab</id><url>https://maven.uni.example/releases</url></repository>")
            && pom.contains("<pluginRepository><id>tcplab</id><url>https://maven.uni.example/releases</url></pluginRepository>"), pom);
        assertTrue(pom.indexOf("</properties>") < pom.indexOf("<repositories>")
            && pom.indexOf("</pluginRepositories>") < pom.indexOf("<dependencies>"), pom);

        Path plain = tmp.resolve("plain");
        CourseScaffold.write(plain, "plain", "edu.x", "1");
        String plainPom = Files.readString(plain.resolve("pom.xml"));
        assertTrue(!plainPom.contains("<repositories>") && !plainPom.contains("@REPOSITORIES@"), plainPom);
    }
}
