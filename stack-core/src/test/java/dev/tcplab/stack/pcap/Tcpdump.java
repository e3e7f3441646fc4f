package dev.tcplab.stack.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real tcpdump, for tests that check it reads our pcaps (installed by .ci/run). */
public final class Tcpdump {
    private Tcpdump() {}

    /** tcpdump on PATH; skips the test without it, except on CI (CI=true), where it fails. */
    public static Path find() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path candidate = Path.of(d.isEmpty() ? "." : d, "tcpdump");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("tcpdump is not on PATH; CI must have it: apt-get install -y tcpdump");
        }
        Assumptions.abort("tcpdump is not on PATH (apt-get install -y tcpdump to run this test)");
        return null;
    }

    /** `tcpdump -r file -nn -vv` output; the file must not be in a 0700 dir (tcpdump drops root). */
    public static String read(Path file) throws Exception {
        Process p = new ProcessBuilder(find().toString(), "-r", file.toString(), "-nn", "-vv")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump finished");
        assertEquals(0, p.exitValue(), "tcpdump exit status; output:\n" + output);
        return output;
    }
}
