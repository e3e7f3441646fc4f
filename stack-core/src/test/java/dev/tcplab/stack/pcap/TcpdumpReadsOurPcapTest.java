package dev.tcplab.stack.pcap;

import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.ReferenceCaptures;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real tcpdump reads what PcapWriter wrote and agrees with our checksums and flags.
 * Skipped when tcpdump is not installed, except on CI (CI=true), which installs it.
 */
class TcpdumpReadsOurPcapTest {
    @Test
    void tcpdumpAcceptsOurFileAndChecksums() throws Exception {
        Tcpdump.find();
        List<byte[]> frames = new ArrayList<>();
        List<PcapReader.Record> a = ReferenceCaptures.capture("a_normal").records();
        frames.add(a.get(0).data()); // [S]
        frames.add(a.get(1).data()); // [S.]
        frames.add(ReferenceCaptures.capture("b_rst_closed_port").records().get(1).data()); // [R.]
        // and one built from scratch: data with timestamps
        frames.add(Frames.tcp(MacAddress.parse("02:00:00:00:00:01"), MacAddress.parse("02:00:00:00:00:02"),
                new Ipv4Repr(Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"), IpProtocol.TCP, 64, 0, 9, true, 0),
                new TcpRepr(43422, 5000, 1, 1, TcpFlags.PSH | TcpFlags.ACK, 63, 0,
                        TcpOptions.established(true, 300756252, 324233039, List.of()), "hello\n".getBytes(StandardCharsets.US_ASCII))));

        // under target/, not a 0700 temp dir: tcpdump may drop root privileges before opening the file
        Path dir = Files.createDirectories(Path.of("target", "tcpdump-test"));
        Path file = dir.resolve("ours.pcap");
        try (OutputStream out = Files.newOutputStream(file); PcapWriter writer = new PcapWriter(out)) {
            long t = 1_000_000_000_123L;
            for (byte[] frame : frames) {
                writer.write(t, frame);
                t += 1_000;
            }
        }

        String output = Tcpdump.read(file);

        assertFalse(output.contains("bad cksum"), output);
        assertFalse(output.contains("incorrect"), output);
        assertEquals(4, output.split("cksum 0x[0-9a-f]{4} \\(correct\\)", -1).length - 1, "4 correct TCP checksums:\n" + output);
        assertTrue(output.contains("Flags [S], cksum 0x63c8 (correct), seq 3666841244, win 64240, "
                + "options [mss 1460,sackOK,TS val 300756224 ecr 0,nop,wscale 10], length 0"), output);
        assertTrue(output.contains("Flags [S.]"), output);
        assertTrue(output.contains("Flags [R.], cksum 0x6a49 (correct), seq 0, ack 2169868846, win 0, length 0"), output);
        assertTrue(output.contains("Flags [P.]") && output.contains("options [nop,nop,TS val 300756252 ecr 324233039], length 6"), output);
        // 1000 s + 123 ns, then +1 us each: read as the nanosecond magic, tcpdump (printing
        // microseconds) shows .000000 .. .000003; read as microseconds it would show .000123 ..
        for (int i = 0; i < 4; i++) {
            assertTrue(output.contains("00:16:40.00000" + i + " IP "), "nanosecond timestamp " + i + ":\n" + output);
        }
    }
}
