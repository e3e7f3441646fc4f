package dev.tcplab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a lab page in headless Chromium: the ladder must be in the live DOM, laid out, arrows and all. */
class BrowserRenderTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @BeforeEach
    void needChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("no /usr/bin/chromium: apt-get install -y chromium");
            }
            Assumptions.abort("no /usr/bin/chromium (apt-get install -y chromium)");
        }
    }

    @Test
    void ladderIsInTheRenderedDom() throws Exception {
        Reports.write(new RunResult(7, List.of(SampleRuns.synAckLost()), 1), tmp.resolve("reports"));
        Path page = tmp.resolve("reports/syn-ack-lost/index.html");
        String dom = chromium("--dump-dom", page);
        Matcher arrows = Pattern.compile("data-ladder-arrows=\"(\\d+)\"").matcher(dom);
        assertTrue(arrows.find(), "the page's script ran and found the ladder");
        assertEquals(9, Integer.parseInt(arrows.group(1)), "an arrow per segment");
        Matcher width = Pattern.compile("data-ladder-width=\"(\\d+)\"").matcher(dom);
        assertTrue(width.find());
        assertTrue(Integer.parseInt(width.group(1)) > 400, "laid out with a real width: " + width.group(1));
        assertTrue(dom.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" id=\"ladder\""));
        assertEquals(2, ReportsTest.count(dom, "class=\"cross\""));

        Path png = tmp.resolve("ladder.png");
        chromium("--screenshot=" + png, page);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 20_000, "a screenshot with content, " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    private String chromium(String action, Path page) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1300,1900", action, page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 60 s");
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(tmp.resolve("chromium.err")));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
