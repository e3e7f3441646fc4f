package dev.tcplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void noArgumentOrMissingFileIsAUsageError() {
        assertEquals(Main.USAGE, tcplab("packetdrill"));
        assertEquals(Main.USAGE, tcplab("packetdrill", dir.resolve("nope.pkt").toString()));
    }
}
