package dev.tcplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tcplab packetdrill`: exit status and the lines it prints. */
class PacketdrillCommandTest {
    private static final String PASSING = """
            `../common/defaults.sh`
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>
            +0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int tcplab(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Main(() -> {
            throw new AssertionError("packetdrill needs no lab engine");
        }, o, o).run(args);
    }

    @Test
    void aPassingAndAFailingScriptInAFolder() throws IOException {
        Files.writeString(dir.resolve("ok.pkt"), PASSING);
        Files.writeString(dir.resolve("wrong.pkt"), PASSING.replace("wscale 8>", "wscale 9>"));
        assertEquals(Main.FAILED, tcplab("packetdrill", dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("PASS ok.pkt\n"), text);
        assertTrue(text.contains("FAIL wrong.pkt\n  wrong.pkt:7: error handling packet: bad value outbound TCP option 3\n"), text);
        assertTrue(text.endsWith("1/2 scripts pass\n"), text);
    }

    @Test
    void oneFileThatPassesExitsZero() throws IOException {
        Path f = Files.writeString(dir.resolve("ok.pkt"), PASSING);
        assertEquals(Main.OK, tcplab("packetdrill", f.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("PASS ok.pkt\n1/1 scripts pass\n"));
    }

    @Test
    void reportsAreJUnitXmlAndAPcapPerScriptThatTcpdumpReads() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts/handshake"));
        Files.writeString(scripts.resolve("ok.pkt"), PASSING);
        Files.writeString(scripts.resolve("wrong.pkt"), PASSING.replace("wscale 8>", "wscale 9>"));
        Files.writeString(scripts.resolve("tfo.pkt"), PASSING.replace("+0 listen(3, 1) = 0",
            "+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN, [1], 4) = 0\n+0 listen(3, 1) = 0"));
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("mine.txt"), "not the tool's");
        assertEquals(Main.FAILED, tcplab("packetdrill", "--reports", reports.toString(), dir.resolve("scripts").toString()));

        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(reports.resolve("TEST-packetdrill.xml").toFile());
        var suite = doc.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        var cases = doc.getElementsByTagName("testcase");
        java.util.Map<String, String> outcome = new java.util.TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            var c = (org.w3c.dom.Element) cases.item(i);
            assertEquals("packetdrill.handshake", c.getAttribute("classname"));
            var failure = c.getElementsByTagName("failure");
            outcome.put(c.getAttribute("name"), failure.getLength() == 0 ? "passed"
                : ((org.w3c.dom.Element) failure.item(0)).getAttribute("type"));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(java.util.Map.of("ok.pkt", "passed", "wrong.pkt", "difference",
            "tfo.pkt", "unsupported"), outcome, text);
        assertEquals(String.valueOf(2), suite.getAttribute("failures"));

        // the passing script's run: the injected SYN and the host's SYN-ACK, both ways on the wire
        var ok = dev.tcplab.stack.pcap.PcapReader.read(reports.resolve("pcap/handshake.ok.pkt.pcap"));
        assertEquals(2, ok.records().size());
        assertTrue(Files.isRegularFile(reports.resolve("pcap/handshake.wrong.pkt.pcap")));
        assertEquals("not the tool's", Files.readString(reports.resolve("mine.txt")));
        // ... and its ladder: the script's SYN (C->S, as the first segment's sender) and the SYN-ACK
        List<String> ladder = Files.readAllLines(reports.resolve("ladder/handshake.ok.pkt.txt"));
        assertEquals(3, ladder.size(), String.join("\n", ladder));
        assertTrue(ladder.get(1).contains("C->S S ") && ladder.get(2).contains("S->C SA "), String.join("\n", ladder));
        // a failing script's ladder is in the XML's system-out, for CI pages that show it
        assertTrue(Files.readString(reports.resolve("TEST-packetdrill.xml")).contains("<system-out>handshake/wrong.pkt (C = "),
            Files.readString(reports.resolve("TEST-packetdrill.xml")));

        // a second run with one script removes the first run's files, not others
        Files.delete(scripts.resolve("wrong.pkt"));
        Files.delete(scripts.resolve("tfo.pkt"));
        assertEquals(Main.OK, tcplab("packetdrill", "--reports", reports.toString(), dir.resolve("scripts").toString()));
        assertTrue(Files.notExists(reports.resolve("pcap/handshake.wrong.pkt.pcap")));
        assertTrue(Files.notExists(reports.resolve("ladder/handshake.wrong.pkt.txt")));
        assertTrue(Files.exists(reports.resolve("mine.txt")));

        Path tcpdump = java.util.stream.Stream.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/sbin/tcpdump")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(tcpdump != null, "tcpdump not installed");
        Process p = new ProcessBuilder(tcpdump.toString(), "-nn", "-vv", "-r", reports.resolve("pcap/handshake.ok.pkt.pcap").toString())
            .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), dump);
        assertTrue(dump.contains("Flags [S]") && dump.contains("Flags [S.]") && !dump.contains("incorrect"), dump);
    }

    @Test
    void noArgumentOrMissingFileIsAUsageError() {
        assertEquals(Main.USAGE, tcplab("packetdrill"));
        assertEquals(Main.USAGE, tcplab("packetdrill", dir.resolve("nope.pkt").toString()));
    }
}
