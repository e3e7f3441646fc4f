package dev.tcplab.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private copy takes regular files of their own and nothing a link could point elsewhere. */
class SubmissionCopyTest {
    @TempDir
    Path tmp;

    @Test
    void copiesRegularFilesAndRefusesLinksWithTheReason() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "the solution");
        Path sub = Files.createDirectories(tmp.resolve("sub/nested"));
        Files.writeString(tmp.resolve("sub/answers.properties"), "q = 1\n");
        Files.writeString(sub.resolve("ok.kts"), "object {}");
        Files.createSymbolicLink(tmp.resolve("sub/link.kts"), secret);
        Files.createSymbolicLink(tmp.resolve("sub/dirlink"), tmp);
        Files.createLink(tmp.resolve("sub/hard.kts"), secret);
        Files.write(tmp.resolve("sub/big.bin"), new byte[(int) SubmissionCopy.MAX_FILE + 1]);
        Path into = Files.createDirectories(tmp.resolve("copy"));

        SubmissionCopy copy = SubmissionCopy.make(tmp.resolve("sub"), into);

        assertEquals("q = 1\n", Files.readString(into.resolve("answers.properties")));
        assertEquals("object {}", Files.readString(into.resolve("nested/ok.kts")));
        Map<String, String> refused = copy.refused();
        assertTrue(refused.get("link.kts").contains("symbolic link"), refused.toString());
        assertTrue(refused.get("dirlink").contains("symbolic link"), refused.toString());
        assertTrue(refused.get("hard.kts").contains("2 hard links"), refused.toString());
        assertTrue(refused.get("big.bin").contains("larger than"), refused.toString());
        for (String name : new String[] {"link.kts", "dirlink", "hard.kts", "big.bin"}) {
            assertFalse(Files.exists(into.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS), name);
        }
    }

    @Test
    void aSubmissionThatIsALinkIsRefusedWhole() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        try {
            SubmissionCopy.make(link, Files.createDirectories(tmp.resolve("copy")));
            throw new AssertionError("a link to a folder was copied");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("not a folder (or a link to one)"));
        }
    }
}
