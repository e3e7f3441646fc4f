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
        assertTrue(dom.contains("<div class=\"ladder\" id=\"ladder\""));
        assertEquals(2, ReportsTest.count(dom, "class=\"cross\""));

        Path png = tmp.resolve("ladder.png");
        chromium("--screenshot=" + png, page);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 20_000, "a screenshot with content, " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    /**
     * Measured in the browser, at 1,400 px: a script appended to a copy of the page writes what it
     * measured into the DOM that --dump-dom prints.
     */
    static final String MEASURE = """
        <script>
        (function () {
          var r = document.documentElement, se = document.scrollingElement;
          function put(k, v) { r.setAttribute('data-m-' + k, String(v)); }
          put('inner-width', window.innerWidth);
          put('client-width', se.clientWidth);
          put('scroll-width', se.scrollWidth);
          var hosts = document.querySelectorAll('.ladder-hosts .host'), visible = 0;
          hosts.forEach(function (h) {
            var b = h.querySelector('rect').getBoundingClientRect();
            if (b.width > 10 && b.left >= 0 && b.right <= se.clientWidth) visible++;
          });
          put('hosts', hosts.length);
          put('hosts-visible', visible);
          // every firewall drop: how far its cross is from the lifeline of the host that dropped it
          var worst = -1, drops = document.querySelectorAll('#ladder .pkt.dropped.fw');
          drops.forEach(function (g) {
            var host = document.querySelector('.ladder-hosts .host[data-host="' + g.getAttribute('data-dropped-at') + '"] rect');
            var hb = host.getBoundingClientRect(), hx = hb.left + hb.width / 2;
            var c = g.querySelector('.cross').getBBox(), svg = g.ownerSVGElement.getBoundingClientRect();
            worst = Math.max(worst, Math.abs(svg.left + c.x + c.width / 2 - hx));
          });
          put('fw-drops', drops.length);
          put('fw-cross-distance', Math.round(worst));
          var tl = document.getElementById('timeline');
          put('timeline-width', tl ? Math.round(tl.getBoundingClientRect().width) : 0);
          put('queue-lines', document.querySelectorAll('#timeline path.q-req, #timeline path.q-acc').length);
          // scrolled to the ladder's end, the host header is still at the top of the window
          var ladder = document.getElementById('ladder');
          window.scrollTo(0, window.scrollY + ladder.getBoundingClientRect().bottom - 300);
          put('head-top', Math.round(document.querySelector('.ladder-head').getBoundingClientRect().top));
          put('ladder-top', Math.round(ladder.getBoundingClientRect().top));
        })();
        </script>
        """;

    @Test
    void aSixHostPageFitsA1400PixelWindow() throws Exception {
        Reports.write(new RunResult(1, List.of(SampleRuns.sixHosts()), 1), tmp.resolve("reports"));
        Path page = tmp.resolve("reports/six-hosts/index.html");
        Path measured = tmp.resolve("reports/six-hosts/measured.html");
        Files.writeString(measured, Files.readString(page).replace("</body>", MEASURE + "</body>"));
        String dom = chromium("--dump-dom", measured, "1400,900");
        assertEquals(1400, measure(dom, "inner-width"));
        assertTrue(measure(dom, "scroll-width") <= measure(dom, "client-width"),
            "no horizontal overflow: " + measure(dom, "scroll-width") + " > " + measure(dom, "client-width"));
        assertEquals(6, measure(dom, "hosts"));
        assertEquals(6, measure(dom, "hosts-visible"), "every host column inside the window");
        assertEquals(32, measure(dom, "fw-drops"), "the SYN-ACK and the 31 RSTs drawn as dropped by a firewall");
        assertTrue(measure(dom, "fw-cross-distance") <= 36, "each cross at the host that dropped it: " + measure(dom, "fw-cross-distance"));
        assertTrue(measure(dom, "timeline-width") > 1000, "the queue chart is laid out");
        assertEquals(4, measure(dom, "queue-lines"), "request and accept queue of two listeners");
        assertTrue(measure(dom, "ladder-top") < -100, "scrolled past the ladder's top: " + measure(dom, "ladder-top"));
        assertEquals(0, measure(dom, "head-top"), "the host header sticks to the window's top");

        Path png = tmp.resolve("six.png");
        chromium("--screenshot=" + png, page, "1400,900");
        assertTrue(Files.size(png) > 20_000);
    }

    private static int measure(String dom, String key) {
        Matcher m = Pattern.compile("data-m-" + key + "=\"(-?\\d+)\"").matcher(dom);
        assertTrue(m.find(), "measured " + key + " in " + dom.substring(0, Math.min(400, dom.length())));
        return Integer.parseInt(m.group(1));
    }

    private String chromium(String action, Path page) throws IOException, InterruptedException {
        return chromium(action, page, "1300,1900");
    }

    private String chromium(String action, Path page, String size) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + tmp.resolve("profile"), "--window-size=" + size, action, page.toUri().toString()));
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
