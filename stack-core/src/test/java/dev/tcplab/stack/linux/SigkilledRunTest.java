package dev.tcplab.stack.linux;

import dev.tcplab.stack.realif.RealIfAssumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with SIGKILL (no shutdown hook) leaves its namespace and veth behind; the next
 * real-interface use (NetNs.create) removes them, and leaves a live run's alone.
 */
class SigkilledRunTest {
    @BeforeEach
    void privileged() {
        RealIfAssumptions.assumeRealInterfaces();
    }

    @Test
    void theNextRunSweepsWhatAKilledRunLeftAndKeepsALiveRunsNamespace() throws Exception {
        Process killed = start("192.0.2.2/24");
        Process live = start("198.51.100.2/24");
        String[] dead = null;
        String[] alive = null;
        try {
            dead = ready(killed);
            alive = ready(live);
            killed.destroyForcibly(); // SIGKILL: its shutdown hook never runs
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, killed.exitValue(), "killed by SIGKILL");
            assertTrue(netnsExists(dead[0]), "SIGKILL left the namespace (as in the issue)");
            assertTrue(linkExists(dead[1]), "SIGKILL left the veth");

            try (NetNs next = NetNs.create()) {
                assertFalse(netnsExists(dead[0]), "the dead run's namespace was not swept");
                assertFalse(linkExists(dead[1]), "the dead run's veth was not swept");
                assertTrue(netnsExists(alive[0]), "a live run's namespace was swept");
                assertTrue(linkExists(alive[1]), "a live run's veth was swept");
                assertTrue(netnsExists(next.name()));
            }
        } finally {
            live.destroy(); // SIGTERM: its own shutdown hook removes its namespace
            live.waitFor(10, TimeUnit.SECONDS);
            killed.destroyForcibly();
            for (String[] names : new String[][] {dead, alive}) {
                if (names != null) {
                    Command.of("ip", "netns", "del", names[0]).run();
                    Command.of("ip", "link", "del", names[1]).run();
                }
            }
        }
        assertFalse(netnsExists(alive[0]), "the live run removed its own namespace at exit");
    }

    private static Process start(String cidr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabOwnerProcess.class.getName(), cidr)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** [namespace, root-side veth end] once the child has made them. */
    private static String[] ready(Process p) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        assertTrue(line != null && line.startsWith("READY "), "child said: " + line);
        String[] f = line.split(" ");
        assertTrue(LabNames.isLabNamespace(f[1]) && LabNames.isLabLink(f[2]), line);
        assertEquals(p.pid(), LabNames.ownerPid(f[1]));
        return new String[] {f[1], f[2]};
    }

    private static boolean netnsExists(String name) {
        return List.of(Command.of("ip", "netns", "list").run().orThrow().stdout().split("\n")).stream()
                .anyMatch(l -> l.strip().split("\\s+")[0].equals(name));
    }

    private static boolean linkExists(String name) {
        return Command.of("ip", "link", "show", name).run().ok();
    }
}
