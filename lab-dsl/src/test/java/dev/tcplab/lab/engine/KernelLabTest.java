package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.stack.linux.LabNames;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.realif.RealInterfaces;
import dev.tcplab.stack.wire.Frames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled lab 20 (model vs the real kernel) through the engine: PASSED as root with libpcap,
 * SKIPPED with what is missing otherwise - except under CI=true, where missing is a failure.
 */
class KernelLabTest {
    static final Path LAB = Path.of("../labs/20-model-vs-kernel");

    @TempDir
    static Path cache;

    static LabResult lab;

    @BeforeAll
    static void runLab() {
        RunResult run = new LabEngine(cache).run(new RunRequest(List.of(LAB), null, null, null, null, null, null),
            LabListener.NONE);
        lab = run.labs().get(0);
    }

    static boolean realInterfaces() {
        RealInterfaces.Availability a = RealInterfaces.availability();
        if (!a.ok() && "true".equals(System.getenv("CI"))) {
            fail(a.reason() + " (CI=true: the real-kernel lab must run in CI)");
        }
        return a.ok();
    }

    @Test
    void passesAsRootOrSkipsSayingWhatIsMissing() {
        if (!realInterfaces()) {
            assertEquals(Outcome.SKIPPED, lab.outcome(), String.valueOf(lab.error()));
            CheckResult s = lab.checks().get(lab.checks().size() - 1);
            assertEquals(Outcome.SKIPPED, s.outcome());
            assertTrue(s.message().contains("needs the real kernel") && s.message().contains("apt-get install"), s.message());
            return;
        }
        for (CheckResult c : lab.checks()) {
            assertEquals(Outcome.PASSED, c.outcome(), c.name() + ": " + c.message());
        }
        assertEquals(Outcome.PASSED, lab.outcome(), lab.error());
        assertEquals(6, lab.checks().size());
        assertEquals(8.0, lab.points());
    }

    @Test
    void theReportShowsTheLinuxHostItsPacketsAndTheVethCapture() throws Exception {
        if (!realInterfaces()) {
            return;
        }
        LabTrace t = lab.trace();
        assertEquals(List.of("client:model", "server:linux"), t.hosts().stream().map(h -> h.name() + ":" + h.kind()).toList());
        List<String> ladder = t.packets().stream().map(p -> p.fromHost() + ">" + p.toHost() + " " + p.flags()).toList();
        assertEquals(List.of("client>server S", "server>client SA", "client>server A"), ladder.subList(0, 3), ladder.toString());
        assertEquals(13, ladder.size(), ladder.toString());
        LabTrace.LinkCapture veth = t.captures().stream().filter(c -> c.link().equals("client-server")).findFirst().orElseThrow();
        long tcp = PcapReader.read(veth.pcap(), "veth").records().stream().filter(r -> Frames.decode(r.data()).tcp() != null).count();
        assertEquals(13, tcp, "both directions of the veth are in the capture");
    }

    @Test
    void nothingIsLeftBehind() {
        if (!realInterfaces()) {
            return;
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        assertEquals(List.of(), LabNames.namespaces().stream().filter(n -> n.startsWith("tcplab-" + pid + "-")).toList());
        assertEquals(List.of(), LabNames.rootLinks().stream().filter(n -> n.startsWith("tl" + pid + "v")).toList());
    }
}
