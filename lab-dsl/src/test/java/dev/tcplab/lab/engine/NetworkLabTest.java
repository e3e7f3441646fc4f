package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.stack.pcap.PcapReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** Labs that declare a network, end to end through the engine (src/test/resources/labs/network). */
class NetworkLabTest {
    @TempDir
    static Path cache;

    static LabEngine engine;
    static RunResult run;

    @BeforeAll
    static void runLabs() {
        engine = new LabEngine(cache);
        run = runNetwork(null);
    }

    static RunResult runNetwork(Long seed) {
        return engine.run(new RunRequest(List.of(LabEngineTest.LABS.resolve("network")), seed, null, null, null, null, null),
                LabListener.NONE);
    }

    @Test
    void theSynAckLabPassesOnTheModel() {
        LabResult lab = LabEngineTest.lab(run, "synack-lost");
        for (CheckResult c : lab.checks()) {
            assertEquals(Outcome.PASSED, c.outcome(), c.name() + ": " + c.message());
        }
        assertEquals(8.0, lab.points());
    }

    @Test
    void theTraceCarriesPacketsStatesFaultsCallsAndPcaps() throws Exception {
        LabTrace t = LabEngineTest.lab(run, "synack-lost").trace();
        assertNotNull(t);
        assertEquals(List.of("client", "server"), t.hosts().stream().map(LabTrace.HostInfo::name).toList());
        List<String> flags = t.packets().stream().map(LabTrace.WirePacket::flags).toList();
        assertEquals(List.of("S", "SA", "S", "SA", "SA", "A"), flags);
        assertEquals(2, t.packets().stream().filter(p -> !p.delivered()).count());
        assertEquals(2, t.faults().size(), t.faults().toString());
        assertTrue(t.faults().stream().allMatch(f -> f.description().startsWith("drop") && f.description().contains("(first 2)")),
                t.faults().toString());
        assertTrue(t.states().stream().anyMatch(s -> s.to().equals("TCP_NEW_SYN_RECV")));
        assertTrue(t.kernelCalls().stream().anyMatch(k -> k.function().equals("tcp_check_req")));
        assertEquals(1, t.captures().size());
        PcapReader.Capture cap = PcapReader.read(t.captures().get(0).pcap(), "client-server");
        assertEquals(6, cap.records().size(), "the capture holds the dropped SYN-ACKs too");
        // relative numbers as the reference tables: the SYN-ACK acks ISN+1
        assertEquals(1, t.packets().get(1).relAck());
    }

    @Test
    void aWrongTimingExpectationSaysExpectedActualWhenAndWhere() {
        LabResult lab = LabEngineTest.lab(run, "wrong-timing");
        CheckResult c = lab.checks().get(0);
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.message().contains("20 ms") && c.message().contains("10 ms"), c.message());
        assertTrue(c.message().contains("wrong-timing.lab.kts:9"), c.message());
        assertEquals(9, c.location().line());
    }

    @Test
    void sameSeedSameBytes() {
        RunResult again = runNetwork(null);
        byte[] a = LabEngineTest.lab(run, "synack-lost").trace().captures().get(0).pcap();
        byte[] b = LabEngineTest.lab(again, "synack-lost").trace().captures().get(0).pcap();
        assertTrue(java.util.Arrays.equals(a, b), "same seed, byte-identical pcap");
        RunResult other = runNetwork(99L);
        byte[] c = LabEngineTest.lab(other, "synack-lost").trace().captures().get(0).pcap();
        assertTrue(!java.util.Arrays.equals(a, c), "another seed, other ISNs");
    }

    @Test
    void regressionLabsPass() {
        RunResult r = engine.run(new RunRequest(List.of(LabEngineTest.LABS.resolve("regressions")), null, null, null, null,
                null, null), LabListener.NONE);
        assertEquals(4, r.labs().size());
        for (LabResult lab : r.labs()) {
            for (CheckResult c : lab.checks()) {
                assertEquals(Outcome.PASSED, c.outcome(), lab.id() + ": " + c.message());
            }
        }
    }
}
