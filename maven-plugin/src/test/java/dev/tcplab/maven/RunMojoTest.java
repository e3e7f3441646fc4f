package dev.tcplab.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMojoTest {
    @TempDir
    Path tmp;

    @Test
    void labsRunAgainstTheirSolutionOnlyWhenAskedAndNoSubmissionIsGiven() throws IOException {
        Path exercise = Files.createDirectories(tmp.resolve("quiz/solution")).getParent().resolve("quiz.lab.kts");
        Path plain = Files.createDirectories(tmp.resolve("plain")).resolve("plain.lab.kts");
        RunMojo mojo = new RunMojo();

        assertNull(mojo.submissionFor(exercise), "off by default: a student's run never uses the solution");
        mojo.solutions = true;
        assertEquals(tmp.resolve("quiz/solution").toAbsolutePath(), mojo.submissionFor(exercise));
        assertNull(mojo.submissionFor(plain), "no solution/ folder: no submission");
        mojo.submission = tmp.resolve("mine").toFile();
        assertEquals(tmp.resolve("mine"), mojo.submissionFor(exercise), "a given submission wins");
    }
}
