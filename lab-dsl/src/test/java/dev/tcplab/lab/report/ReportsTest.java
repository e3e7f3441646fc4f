package dev.tcplab.lab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.HostInfo;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryFileOfEveryLab() throws IOException {
        Reports.write(SampleRuns.run(), tmp);
        for (String f : List.of("index.html", "summary.txt", "TEST-syn-ack-lost.xml", "TEST-_._broken_lab.xml",
            "TEST-many.xml", "syn-ack-lost/index.html", "syn-ack-lost/result.json", "syn-ack-lost/trace.txt",
            "_._broken_lab/index.html", "many/index.html")) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
        }
        assertArrayEquals(SampleRuns.synAckLost().trace().captures().get(0).pcap(),
            Files.readAllBytes(tmp.resolve("syn-ack-lost/client-server.pcap")));
        assertFalse(Files.exists(tmp.getParent().resolve("broken lab")), "a lab id cannot escape the dir");
        try (Stream<Path> all = Files.list(tmp)) {
            assertEquals(9, all.count(), "3 lab folders, 3 TEST files, summary, index, the list of files written");
        }
    }

    @Test
    void sameResultGivesSameBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Reports.write(SampleRuns.run(), a);
        Reports.write(SampleRuns.run(), b);
        try (Stream<Path> files = Files.walk(a)) {
            List<Path> list = files.filter(Files::isRegularFile).toList();
            assertEquals(3 * 3 + 1 + 3 + 2 + 1, list.size());
            for (Path f : list) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
            }
        }
    }

    @Test
    void resultJsonReadsBackToTheSameResult() throws IOException {
        Reports.write(SampleRuns.run(), tmp);
        LabResult original = SampleRuns.synAckLost();
        LabResult back = ResultJson.read(JsonReader.parse(Files.readString(tmp.resolve("syn-ack-lost/result.json"))));
        assertEquals(original.checks(), back.checks());
        assertEquals(original.trace().packets(), back.trace().packets());
        assertEquals(original.trace().states(), back.trace().states());
        assertEquals(original.trace().kernelCalls(), back.trace().kernelCalls());
        assertEquals(List.of(original.id(), original.title(), original.seed(), original.outcome(), original.virtualNanos()),
            List.of(back.id(), back.title(), back.seed(), back.outcome(), back.virtualNanos()));
        assertTrue(Files.readString(tmp.resolve("syn-ack-lost/result.json")).contains("\"file\": \"client-server.pcap\""));

        JsonWriter w = new JsonWriter(false);
        ResultJson.write(w, original, true);
        LabResult wire = ResultJson.read(JsonReader.parse(w.toString()));
        assertArrayEquals(original.trace().captures().get(0).pcap(), wire.trace().captures().get(0).pcap());
        LabResult broken = ResultJson.read(JsonReader.parse(Files.readString(tmp.resolve("_._broken_lab/result.json"))));
        assertEquals(SampleRuns.broken(), broken);
    }

    @Test
    void traceTextIsOneTimeSortedEventALine() throws IOException {
        Reports.write(SampleRuns.run(), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("syn-ack-lost/trace.txt"));
        assertEquals(7 + 7, lines.size());
        assertEquals("  0.000000000 client  tcp_v4_connect               192.0.2.1:40000 -> 192.0.2.2:80", lines.get(0));
        assertEquals("  0.000000000 server  state                        0.0.0.0:80 TCP_CLOSE -> TCP_LISTEN", lines.get(2));
        assertTrue(lines.contains("  3.030000000 server  inet_csk_complete_hashdance  detail with\\nnewline"), lines.toString());
        double last = -1;
        for (String l : lines) {
            double t = Double.parseDouble(l.trim().split(" +")[0]);
            assertTrue(t >= last, l);
            last = t;
        }
    }

    @Test
    void surefireXmlCountsOutcomesAndCarriesTheScore() throws Exception {
        Reports.write(SampleRuns.run(), tmp);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(tmp.resolve("TEST-syn-ack-lost.xml").toFile());
        Element suite = d.getDocumentElement();
        assertEquals("syn-ack-lost", suite.getAttribute("name"));
        assertEquals(List.of("5", "1", "1", "1"), List.of(suite.getAttribute("tests"), suite.getAttribute("failures"),
            suite.getAttribute("errors"), suite.getAttribute("skipped")));
        NodeList props = d.getElementsByTagName("property");
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < props.getLength(); i++) {
            Element e = (Element) props.item(i);
            p.append(e.getAttribute("name")).append('=').append(e.getAttribute("value")).append(';');
        }
        assertTrue(p.toString().contains("seed=7;"), p.toString());
        assertTrue(p.toString().contains("points=3.5;maxPoints=8.5;score=0.4118;"), p.toString());
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertEquals("expected TCP_ESTABLISHED at 2.0 s", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("but was TCP_SYN_SENT <&\"'>\nat syn-ack-lost.lab.kts:19:9"));
        Element failed = (Element) failure.getParentNode();
        assertEquals("client established after the third SYN-ACK", failed.getAttribute("name"));
        assertEquals("2.000000", failed.getAttribute("time"));
        assertEquals(1, d.getElementsByTagName("skipped").getLength());

        Document broken = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(tmp.resolve("TEST-_._broken_lab.xml").toFile());
        Element error = (Element) broken.getElementsByTagName("error").item(0);
        assertEquals("Unresolved reference 'x'.", error.getAttribute("message"));
        assertEquals("(lab)", ((Element) error.getParentNode()).getAttribute("name"));
        assertEquals("1", broken.getDocumentElement().getAttribute("errors"));
    }

    @Test
    void summaryListsLabsChecksAndTheTotal() throws IOException {
        RunResult run = SampleRuns.run();
        Reports.write(run, tmp);
        String s = Files.readString(tmp.resolve("summary.txt"));
        assertTrue(s.startsWith("FAILED  syn-ack-lost  3.5/8.5  SYN-ACK lost twice\n"), s);
        // the console's format (ConsoleLines), the same in summary.txt as on the CLI and in Maven
        assertTrue(s.contains("  ✗ handshake › client established after the third SYN-ACK  0/3  @2 s\n"
            + "      expected TCP_ESTABLISHED at 2.0 s\n"), s);
        assertTrue(s.contains("  error: Unresolved reference 'x'. (broken.lab.kts:5:5)\n"), s);
        assertTrue(s.endsWith("3 lab(s), 1 passed; score 4.5/9.5; seed 7\n"), s);
        String index = Files.readString(tmp.resolve("index.html"));
        assertTrue(index.contains("<a href=\"syn-ack-lost/index.html\">syn-ack-lost</a>"), index);
        assertTrue(index.contains("<a href=\"_._broken_lab/index.html\">../broken lab</a>"), index);
        assertTrue(index.contains("<b>4.5 / 9.5</b> points"), index);
    }

    @Test
    void labPageDrawsTheLadderWithDropsFaultsStatesAndChecks() throws IOException {
        Reports.write(SampleRuns.run(), tmp);
        String html = Files.readString(tmp.resolve("syn-ack-lost/index.html"));
        assertEquals(9, count(html, "<g class=\"pkt"), "one arrow group per segment");
        assertEquals(2, count(html, "<g class=\"pkt dropped\""));
        assertEquals(1, count(html, "<g class=\"pkt faulty\""));
        assertEquals(2, count(html, "class=\"cross\""), "dropped segments end in a cross");
        assertEquals(7, count(html, "<g class=\"state "), "a box per state change");
        assertTrue(html.contains(">SYN_SENT</text>") && html.contains(">NEW_SYN_RECV</text>"));
        assertEquals(2, count(html, "<g class=\"fault\""));
        assertTrue(html.contains("⋯ 1.000 s later"), "quiet gaps are marked");
        assertTrue(html.contains(">SYN, ACK seq=0 ack=1 win=65160 len=0</text>"));
        assertTrue(html.contains("options: mss=1460,sackOK,TS val=1 ecr=0,nop,wscale=7"), "options on hover");
        assertTrue(html.contains("<td class=\"opts\">mss=1460,sackOK,TS val=1 ecr=0,nop,wscale=7</td>"), "and in the table");
        assertTrue(html.contains("but was TCP_SYN_SENT &lt;&amp;&quot;&#39;&gt;"), "messages are escaped");
        assertFalse(html.contains("<&\"'>"));
        assertTrue(html.contains("<code title=\"syn-ack-lost.lab.kts:19:9\">syn-ack-lost.lab.kts:19</code>"));
        assertEquals(1, count(html, "<g class=\"failmark\" data-t=\"2000000000\">"), "the failed check is marked in the ladder");
        assertTrue(html.contains(">✗ client established after the third SYN-ACK (syn-ack-lost.lab.kts:19)</text>"), html);
        assertEquals(0, count(html, "<g class=\"failmark\" data-t=\"-1\""), "an error without a time has no mark");
        assertEquals(2, count(html, "<td class=\"mark\" title=\"PASSED\">✓</td>"));
        assertEquals(1, count(html, "<td class=\"mark\" title=\"FAILED\">✗</td>"));
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external assets");
        assertTrue(Files.readString(tmp.resolve("_._broken_lab/index.html")).contains("Unresolved reference &#39;x&#39;."));
    }

    @Test
    void stateBoxesNameTheSocketAndShowARequestReplacedByItsChild() {
        String s = "192.0.2.2:80>192.0.2.1:56770";
        LabTrace t = new LabTrace(List.of(new HostInfo("client", "192.0.2.1", "model"), new HostInfo("server", "192.0.2.2", "model")),
            List.of(), List.of(
                new StateChange(0, "server", "sk1 192.0.2.2:80>0.0.0.0:0", "TCP_CLOSE", "TCP_LISTEN"),
                new StateChange(10, "server", "req2 " + s, "TCP_LISTEN", "TCP_NEW_SYN_RECV"),
                new StateChange(30, "server", "sk3 " + s, "TCP_NEW_SYN_RECV", "TCP_SYN_RECV"),
                new StateChange(30, "server", "req2 " + s, "TCP_NEW_SYN_RECV", "TCP_CLOSE"),
                new StateChange(30, "server", "sk3 " + s, "TCP_SYN_RECV", "TCP_ESTABLISHED"),
                new StateChange(30, "client", "sk1 192.0.2.1:56770>192.0.2.2:80", "TCP_SYN_SENT", "TCP_ESTABLISHED"),
                new StateChange(40, "server", "req4 192.0.2.2:80>192.0.2.1:1", "TCP_NEW_SYN_RECV", "TCP_CLOSE")),
            List.of(), List.of(), List.of());
        List<String> rows = LadderRows.rows(t).stream()
            .map(r -> r.time() + " " + r.states().stream().map(b -> b.host() + ":" + b.label()).toList()).toList();
        assertEquals(List.of("0 [server:sk1 LISTEN]", "10 [server:req2 NEW_SYN_RECV]",
            "30 [server:req2 ⇒ sk3 SYN_RECV → ESTABLISHED, client:sk1 ESTABLISHED]", "40 [server:req4 removed]"), rows);
        String svg = LadderSvg.render(t);
        assertTrue(svg.contains("<tspan class=\"sid\">req2 ⇒ sk3 </tspan>SYN_RECV → ESTABLISHED</text>"), svg);
        assertTrue(svg.contains("replaced by its child sk3 " + s.replace(">", "&gt;")), "the tooltip says what happened");
        assertFalse(svg.contains(">CLOSE<"), "no request shown as CLOSE");
    }

    @Test
    void indexListsWhatDidNotPassWithLinks() throws IOException {
        Reports.write(SampleRuns.run(), tmp);
        String index = Files.readString(tmp.resolve("index.html"));
        assertTrue(index.contains("3 lab(s): 1 passed, 1 failed, 1 error"), index);
        assertTrue(index.contains("<li>✗ <a href=\"syn-ack-lost/index.html#c2\">handshake › client established after the "
            + "third SYN-ACK</a>: <span class=\"why\">expected TCP_ESTABLISHED at 2.0 s</span></li>"), index);
        assertTrue(index.contains("<li>⚠ <a href=\"syn-ack-lost/index.html#c4\">kernel path</a>"), index);
        assertFalse(index.contains("#c3\""), "passed checks are not listed");
        assertTrue(Files.readString(tmp.resolve("syn-ack-lost/index.html")).contains("<tr id=\"c2\" class=\"check failed\">"));
    }

    @Test
    void warningsAreOnTheLabPageInTheSummaryAndSurviveJson() throws IOException {
        LabResult plain = SampleRuns.many(4);
        LabResult warned = new LabResult(plain.id(), plain.title(), plain.script(), plain.seed(), plain.outcome(), null, null,
            plain.checks(), plain.trace().withWarnings(List.of("check \"x\" (many.lab.kts:3) makes no expectation <&>")),
            plain.wallMillis(), plain.virtualNanos());
        Reports.write(new RunResult(1, List.of(warned), 1), tmp);
        assertTrue(Files.readString(tmp.resolve("many/index.html")).contains("<section class=\"warning\" id=\"warnings\">"
            + "<h2>Warnings</h2><ul>\n<li>check &quot;x&quot; (many.lab.kts:3) makes no expectation &lt;&amp;&gt;</li>"));
        assertTrue(Files.readString(tmp.resolve("summary.txt")).contains("\n  warning: check \"x\" (many.lab.kts:3) makes no expectation <&>\n"));
        LabResult back = ResultJson.read(JsonReader.parse(Reports.resultJson(warned)));
        assertEquals(warned.warnings(), back.warnings());
        assertEquals(List.of(), ResultJson.read(JsonReader.parse(Reports.resultJson(plain))).warnings());
    }

    @Test
    void rowsFollowTimeNotScaleAndRepeatsFold() throws IOException {
        Reports.write(new RunResult(1, List.of(SampleRuns.many(200)), 1), tmp);
        String html = Files.readString(tmp.resolve("many/index.html"));
        assertEquals(200, count(html, "<g class=\"pkt"), "every segment is still drawn (in folds too)");
        assertTrue(count(html, "<details class=\"fold\"") >= 10, "ping-pong runs between the losses fold");
        int visible = 0;
        Matcher m = Pattern.compile("<details class=\"fold\"|<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder-rows\" "
            + "width=\"\\d+\" height=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            visible += m.group(1) == null ? LadderSvg.FOLD_H : Integer.parseInt(m.group(1));
            if (m.group(1) == null) {
                // skip the fold's own rows: hidden until opened
                int end = html.indexOf("</details>", m.end());
                m.region(end, html.length());
            }
        }
        assertTrue(visible < 200 * LadderSvg.PACKET_H / 3, "folded height " + visible);
        assertEquals(1, count(html, "class=\"gap\""));
        assertTrue(html.contains("192.0.2.2 (Linux)"));
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
