package dev.tcplab.lab.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaffoldTest {
    @TempDir
    Path tmp;

    @Test
    void writesLabReadmeTemplateAndSolution() throws IOException {
        List<Path> files = Scaffold.create(tmp.resolve("labs"), "syn-flood");
        Path lab = tmp.resolve("labs/syn-flood");
        assertEquals(List.of(lab.resolve("syn-flood.lab.kts"), lab.resolve("README.md"),
            lab.resolve("submission-template/answers.properties"), lab.resolve("solution/answers.properties")), files);
        String script = Files.readString(lab.resolve("syn-flood.lab.kts"));
        assertTrue(script.contains("title = \"Syn flood\""));
        assertEquals(5, script.split("\n    check\\(").length - 1, "five checks");
        assertTrue(script.contains("val server = host(\"server\"") && script.contains("link(client, server)"),
            "a network lab, not only a quiz");
        assertTrue(script.contains("points = 1, hidden = true"));
        assertTrue(Files.readString(lab.resolve("README.md")).startsWith("# Syn flood\n"));

        Properties template = load(lab.resolve("submission-template/answers.properties"));
        Properties solution = load(lab.resolve("solution/answers.properties"));
        assertEquals(template.stringPropertyNames(), solution.stringPropertyNames(), "the template asks what the solution answers");
        assertTrue(template.values().stream().allMatch(v -> v.toString().isEmpty()), "the template gives nothing away");
        for (String key : solution.stringPropertyNames()) {
            assertTrue(script.contains("\"" + key + "\""), "the script reads " + key);
        }
        assertEquals("TCP_NEW_SYN_RECV", solution.getProperty("half_open_state"));
    }

    @Test
    void refusesToOverwriteOrEscape() throws IOException {
        Scaffold.create(tmp, "x");
        Files.writeString(tmp.resolve("x/x.lab.kts"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> Scaffold.create(tmp, "x"));
        assertEquals("mine", Files.readString(tmp.resolve("x/x.lab.kts")));
        for (String bad : new String[] {"../x", "a/b", "", "Big", ".hidden", null}) {
            assertThrows(IllegalArgumentException.class, () -> Scaffold.create(tmp, bad), String.valueOf(bad));
        }
    }

    @Test
    void aWalkThroughIsNumberedIntoACurriculumWithTheFirstFreeNumber() throws IOException {
        Path labs = tmp.resolve("labs");
        for (String f : new String[] {"01-three-way-handshake", "02-connect-refused", "04-synack-loss", "20-model-vs-kernel"}) {
            Files.createDirectories(labs.resolve(f));
        }
        Files.writeString(labs.resolve("04-synack-loss/synack-loss.lab.kts"), "title = \"x\"");
        Scaffold.Created w = Scaffold.create(labs, "fin-handshake", Scaffold.Kind.WALKTHROUGH, null);
        Path lab = labs.resolve("03-fin-handshake");
        assertEquals(lab, w.folder());
        assertEquals(List.of(lab.resolve("fin-handshake.lab.kts"), lab.resolve("README.md")), w.files(),
            "a walk-through has no submission template and no solution");
        assertEquals(lab.resolve("README.md"), w.readme());
        String script = Files.readString(w.script());
        assertTrue(script.contains("title = \"Fin handshake\""), script);
        assertTrue(script.contains("step(\"SYN\")") && script.contains("link(client, server)"), script);
        assertTrue(!script.contains("submission"), "a walk-through grades nothing");

        // the next one takes the next gap; a number can be given; a taken number or name is refused
        assertEquals(labs.resolve("05-predict-the-close"),
            Scaffold.create(labs, "predict-the-close", Scaffold.Kind.EXERCISE, null).folder());
        assertTrue(Files.isRegularFile(labs.resolve("05-predict-the-close/solution/answers.properties")));
        assertEquals(labs.resolve("21-later"), Scaffold.create(labs, "later", Scaffold.Kind.WALKTHROUGH, 21).folder());
        FileAlreadyExistsException taken = assertThrows(FileAlreadyExistsException.class,
            () -> Scaffold.create(labs, "other", Scaffold.Kind.WALKTHROUGH, 20));
        assertTrue(taken.getReason().startsWith("number 20 is taken by 20-model-vs-kernel"), taken.getReason());
        assertThrows(FileAlreadyExistsException.class, () -> Scaffold.create(labs, "fin-handshake", Scaffold.Kind.EXERCISE, null));
        // a lab id is its script's name, whatever its folder is called
        FileAlreadyExistsException dup = assertThrows(FileAlreadyExistsException.class,
            () -> Scaffold.create(labs, "synack-loss", Scaffold.Kind.WALKTHROUGH, null));
        assertEquals(labs.resolve("04-synack-loss").toString(), dup.getFile());
        assertEquals("a lab named synack-loss already exists there; not overwriting it", dup.getReason());
        IllegalArgumentException numbered = assertThrows(IllegalArgumentException.class,
            () -> Scaffold.create(labs, "15-x", Scaffold.Kind.WALKTHROUGH, null));
        assertTrue(numbered.getMessage().contains("give the name alone"), numbered.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scaffold.create(labs, "y", Scaffold.Kind.WALKTHROUGH, 100));
    }

    @Test
    void anUnnumberedLabsFolderStaysUnnumbered() throws IOException {
        Files.createDirectories(tmp.resolve("quiz"));
        assertEquals(tmp.resolve("handshake"), Scaffold.create(tmp, "handshake", Scaffold.Kind.WALKTHROUGH, null).folder());
        assertEquals(tmp.resolve("07-numbered"), Scaffold.create(tmp, "numbered", Scaffold.Kind.WALKTHROUGH, 7).folder());
    }

    @Test
    void kindsParseAsTyped() {
        assertEquals(Scaffold.Kind.WALKTHROUGH, Scaffold.Kind.parse("walk-through"));
        assertEquals(Scaffold.Kind.WALKTHROUGH, Scaffold.Kind.parse("Walkthrough"));
        assertEquals(Scaffold.Kind.EXERCISE, Scaffold.Kind.parse("exercise"));
        assertEquals("lab kind 'quiz': use walkthrough or exercise",
            assertThrows(IllegalArgumentException.class, () -> Scaffold.Kind.parse("quiz")).getMessage());
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            props.load(r);
        }
        return props;
    }
}
