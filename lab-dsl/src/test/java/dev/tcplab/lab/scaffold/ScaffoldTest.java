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

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            props.load(r);
        }
        return props;
    }
}
