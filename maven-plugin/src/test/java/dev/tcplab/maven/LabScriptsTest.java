package dev.tcplab.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabScriptsTest {
    @TempDir
    Path tmp;

    @Test
    void labsDirectoryPrefersSrcLabs() throws IOException {
        assertEquals(tmp.resolve("labs"), LabScripts.labsDirectory(tmp.toFile(), null));
        Files.createDirectories(tmp.resolve("src/labs"));
        assertEquals(tmp.resolve("src/labs"), LabScripts.labsDirectory(tmp.toFile(), null));
        assertEquals(tmp.resolve("x"), LabScripts.labsDirectory(tmp.toFile(), tmp.resolve("x").toFile()));
    }

    @Test
    void findsLabsButNotSolutionsOrTemplates() throws IOException {
        for (String f : List.of("b/b.lab.kts", "a/a.lab.kts", "a/solution/s.lab.kts", "a/submission-template/t.lab.kts",
            "top.lab.kts", "a/notes.kts", "c/deep/c.lab.kts")) {
            Files.createDirectories(tmp.resolve(f).getParent());
            Files.writeString(tmp.resolve(f), "");
        }
        assertEquals(List.of(tmp.resolve("a/a.lab.kts"), tmp.resolve("b/b.lab.kts"), tmp.resolve("c/deep/c.lab.kts"),
            tmp.resolve("top.lab.kts")), LabScripts.find(tmp, null, null, null));
        assertEquals(List.of(tmp.resolve("b/b.lab.kts")), LabScripts.find(tmp, null, null, "b"));
        assertEquals(List.of(tmp.resolve("c/deep/c.lab.kts")), LabScripts.find(tmp, null, null, "deep"));
        assertEquals(List.of(tmp.resolve("a/a.lab.kts")), LabScripts.find(tmp, List.of("a/*.lab.kts"), null, null));
        assertEquals(List.of(tmp.resolve("a/a.lab.kts"), tmp.resolve("top.lab.kts")),
            LabScripts.find(tmp, null, List.of("b/**", "c/**"), null));
        assertEquals(List.of(), LabScripts.find(tmp.resolve("missing"), null, null, null));
    }

    @Test
    void timeoutsReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), LabScripts.duration("90"));
        assertEquals(Duration.ofSeconds(90), LabScripts.duration("90s"));
        assertEquals(Duration.ofMillis(1500), LabScripts.duration("1500ms"));
        assertEquals(Duration.ofMillis(1500), LabScripts.duration("1.5"));
        assertEquals(Duration.ofMinutes(2), LabScripts.duration("2m"));
        assertEquals(null, LabScripts.duration(" "));
        assertThrows(IllegalArgumentException.class, () -> LabScripts.duration("soon"));
    }
}
