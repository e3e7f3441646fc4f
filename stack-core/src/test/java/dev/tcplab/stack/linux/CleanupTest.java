package dev.tcplab.stack.linux;

import dev.tcplab.stack.realif.RealIfAssumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing the lab creates outlives it; nothing it did not create is touched. */
class CleanupTest {
    @BeforeEach
    void privileged() {
        RealIfAssumptions.assumeRealInterfaces();
    }

    private static boolean netnsExists(String name) {
        return List.of(Command.of("ip", "netns", "list").run().orThrow().stdout().split("\n")).stream()
                .anyMatch(l -> l.strip().split("\\s+")[0].equals(name));
    }

    private static boolean linkExists(String name) {
        return Command.of("ip", "link", "show", name).run().ok();
    }

    @Test
    void closeRemovesNamespaceVethAndAgent() {
        String nsName;
        String rootEnd;
        try (NetNs ns = NetNs.create(); VethPair veth = VethPair.toRoot(ns, "192.0.2.2/24"); LinuxHost host = LinuxHost.start(ns)) {
            nsName = ns.name();
            rootEnd = veth.rootEnd();
            assertTrue(netnsExists(nsName));
            assertTrue(linkExists(rootEnd));
            assertTrue(ns.exec("ip", "-o", "addr", "show", veth.endB()).orThrow().stdout().contains("192.0.2.2/24"));
            // root end: up, no IPv4 address, ARP off
            String root = Command.of("ip", "-o", "addr", "show", rootEnd).run().orThrow().stdout();
            assertFalse(root.contains("inet "), root);
            assertTrue(Command.of("ip", "link", "show", rootEnd).run().orThrow().stdout().contains("NOARP"));
            assertEquals(3, host.socket());
        }
        assertFalse(netnsExists(nsName), "namespace left behind");
        assertFalse(linkExists(rootEnd), "veth left behind");
        assertFalse(LabNames.namespaces().contains(nsName));
        assertFalse(LabNames.rootLinks().contains(rootEnd));
    }

    @Test
    void anExceptionInsideTheBlockStillCleansUp() {
        String[] names = new String[2];
        RuntimeException boom = assertThrows(RuntimeException.class, () -> {
            try (NetNs ns = NetNs.create(); VethPair veth = VethPair.toRoot(ns, "198.51.100.2/24")) {
                names[0] = ns.name();
                names[1] = veth.rootEnd();
                throw new RuntimeException("lab failed");
            }
        });
        assertEquals("lab failed", boom.getMessage());
        assertFalse(netnsExists(names[0]));
        assertFalse(linkExists(names[1]));
    }

    @Test
    void aFailedSetupRemovesWhatItCreated() {
        List<String> before = LabNames.rootLinks();
        try (NetNs ns = NetNs.create()) {
            // an address outside TEST-NET is refused before anything is created
            assertThrows(IllegalArgumentException.class, () -> VethPair.toRoot(ns, "10.1.2.3/24"));
        }
        assertEquals(before, LabNames.rootLinks());
    }

    @Test
    void sweepStaleRemovesDeadRunsOnlyAndNeverForeignNamespaces() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = "tcplab-" + gone.pid() + "-0";
        String foreign = "tcplabtest-keep-" + ProcessHandle.current().pid();
        try (NetNs live = NetNs.create()) {
            // made after create(), which sweeps too (SigkilledRunTest covers that path)
            Command.of("ip", "netns", "add", stale).run().orThrow();
            Command.of("ip", "netns", "add", foreign).run().orThrow();
            List<String> removed = LabNames.sweepStale();
            assertTrue(removed.contains(stale), removed.toString());
            assertFalse(netnsExists(stale));
            assertTrue(netnsExists(live.name()), "a live run's namespace was swept");
            assertTrue(netnsExists(foreign), "a namespace we did not create was swept");

            // attached by name: usable, but never reconfigured or deleted
            NetNs attached = NetNs.attach(foreign);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> VethPair.toRoot(attached, "192.0.2.9/24"));
            assertTrue(refused.getMessage().contains("did not create"), refused.getMessage());
            assertTrue(attached.exec("ip", "link", "show", "lo").ok());
            attached.close();
            assertTrue(netnsExists(foreign));
            assertThrows(IllegalArgumentException.class, () -> NetNs.attach(live.name()));
        } finally {
            Command.of("ip", "netns", "del", foreign).run();
            Command.of("ip", "netns", "del", stale).run();
        }
    }
}
