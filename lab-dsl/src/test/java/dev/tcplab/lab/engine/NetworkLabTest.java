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
    void firewallDropsAreInTheTraceWithTheirHostAndRule() {
        LabResult lab = LabEngineTest.lab(run, "firewall-drops");
        lab.checks().forEach(c -> assertEquals(Outcome.PASSED, c.outcome(), c.name() + ": " + c.message()));
        List<LabTrace.WirePacket> packets = lab.trace().packets();
        List<LabTrace.WirePacket> input = packets.stream().filter(p -> "client".equals(p.droppedBy())).toList();
        assertTrue(input.size() >= 2, packets.toString());
        for (LabTrace.WirePacket p : input) {
            assertEquals(List.of("SA", "server", "client", "INPUT: SYN,ACK"), List.of(p.flags(), p.fromHost(), p.toHost(), p.dropRule()));
            assertTrue(!p.delivered() && p.link() != null, "on the wire, dropped on arrival: " + p);
        }
        assertEquals(0, packets.stream().filter(p -> p.flags().equals("SA") && p.toHost().equals("client") && p.delivered()).count(),
            "no SYN-ACK to the client listed as delivered");
        List<LabTrace.WirePacket> output = packets.stream().filter(p -> "server".equals(p.droppedBy())).toList();
        assertTrue(!output.isEmpty(), packets.toString());
        for (LabTrace.WirePacket p : output) {
            assertEquals(List.of("OUTPUT: RST", "server", "other"), List.of(p.dropRule(), p.fromHost(), p.toHost()));
            assertTrue(p.flags().contains("R") && p.link() == null && !p.delivered(), "never on a link: " + p);
        }
        // a packet appears once: the INPUT drop marks the segment seen on the wire, it adds none
        assertEquals(packets.stream().map(LabTrace.WirePacket::order).distinct().count(), packets.size());
    }

    @Test
    void eventsCarryTheirCausalOrder() {
        LabTrace t = LabEngineTest.lab(run, "firewall-drops").trace();
        LabTrace.StateChange synSent = t.states().stream()
            .filter(s -> s.host().equals("client") && s.to().equals("TCP_SYN_SENT")).findFirst().orElseThrow();
        LabTrace.WirePacket syn = t.packets().stream().filter(p -> p.fromHost().equals("client") && p.flags().equals("S"))
            .findFirst().orElseThrow();
        LabTrace.StateChange request = t.states().stream()
            .filter(s -> s.host().equals("server") && s.to().equals("TCP_NEW_SYN_RECV")).findFirst().orElseThrow();
        assertTrue(synSent.order() >= 0 && synSent.order() < syn.order(), "SYN_SENT, then the SYN it sends");
        assertTrue(syn.order() < request.order(), "the SYN, then the request sock it made");
    }

    @Test
    void listenerQueuesAreSampledOverTime() {
        LabTrace t = LabEngineTest.lab(run, "firewall-drops").trace();
        List<LabTrace.QueueSample> q = t.queues().stream().filter(s -> s.listener().equals("192.0.2.2:80")).toList();
        assertTrue(q.stream().allMatch(s -> s.host().equals("server") && s.backlog() == 8), q.toString());
        // the lan has no delay: by the end of instant 0 the client's SYN made a request sock (an instant keeps its last sample)
        assertEquals(List.of(0L, 1, 0), List.of(q.get(0).timeNanos(), q.get(0).requests(), q.get(0).acceptQueue()), q.toString());
        assertEquals(1, q.get(q.size() - 1).requests(), "the client's request sock is still there: " + q);
        List<Integer> accept = q.stream().map(LabTrace.QueueSample::acceptQueue).toList();
        int queued = accept.indexOf(1);
        assertTrue(queued > 0 && accept.subList(queued, accept.size()).contains(0), "queued, then accepted: " + q);
        LabTrace.QueueSample accepted = q.get(queued + accept.subList(queued, accept.size()).indexOf(0));
        assertEquals(2_000_000_000L, accepted.timeNanos(), "sampled when the script called accept()");
        for (int i = 1; i < q.size(); i++) {
            assertTrue(q.get(i).timeNanos() >= q.get(i - 1).timeNanos(), "in time order");
        }
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

    @Test
    void timersRunOnTheWheelByDefaultAndExactlyWhenAsked() {
        RunResult timers = engine.run(new RunRequest(List.of(LabEngineTest.LABS.resolve("timers")), null, null, null, null,
            null, null), LabListener.NONE);
        for (String id : List.of("wheel", "exact", "keepalive")) {
            LabResult lab = LabEngineTest.lab(timers, id);
            lab.checks().forEach(c -> assertEquals(Outcome.PASSED, c.outcome(), id + ": " + c.name() + ": " + c.message()));
            assertEquals(id.equals("keepalive") ? 2 : 1, lab.checks().size(), id);
        }
        LabResult hz = LabEngineTest.lab(timers, "bad-hz");
        assertEquals(Outcome.ERROR, hz.outcome());
        assertTrue(hz.error().contains("timerWheel(hz = 300): the model runs CONFIG_HZ 100, 250 or 1000"), hz.error());
        assertEquals(3, hz.errorLocation().line(), hz.error());
        LabResult bad = LabEngineTest.lab(timers, "bad-option");
        assertEquals(Outcome.ERROR, bad.outcome());
        assertTrue(bad.error().contains("client.connect(192.0.2.2, 5000): setsockopt(TCP_KEEPIDLE, 0) failed with EINVAL"),
            bad.error());
        assertEquals(7, bad.errorLocation().line(), bad.error());
        LabResult late = LabEngineTest.lab(timers, "late-choice");
        assertEquals(Outcome.ERROR, late.outcome());
        assertTrue(late.error().contains("exactTimers(): choose the timers before the first host"), late.error());
        assertEquals(4, late.errorLocation().line(), late.error());
    }
}
