package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.stack.linux.Command;
import dev.tcplab.stack.realif.RealInterfaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab's Linux host may not change host-wide settings: the lab errs at the line, the host keeps its value. */
class KernelSysctlLabTest {
    @TempDir
    Path dir;

    @Test
    void aHostWideSysctlIsAnErrorAtItsLineAndTheHostKeepsItsValue() throws Exception {
        Assumptions.assumeTrue(KernelLabTest.realInterfaces(), () -> RealInterfaces.availability().reason());
        String before = printkRatelimit();
        String other = before.equals("7") ? "8" : "7";
        Path lab = dir.resolve("hostwide.lab.kts");
        Files.writeString(lab, String.join("\n",
            "title = \"A host-wide sysctl\"",
            "val client = host(\"client\", \"192.0.2.1\")",
            "val server = linuxHost(\"server\", \"192.0.2.2\")",
            "server.sysctl(\"net.ipv4.tcp_syn_retries\", 3)",
            "server.sysctl(\"kernel.printk_ratelimit\", " + other + ")",
            "check(\"never reached\") { now shouldBe 0.s }", ""));
        LabResult r = new LabEngine(dir.resolve("cache")).run(new RunRequest(List.of(lab), null, null, null, null, null, null),
            LabListener.NONE).labs().get(0);
        assertEquals(Outcome.ERROR, r.outcome());
        assertTrue(r.error().contains("sysctl kernel.printk_ratelimit is host-wide: kernel.* settings are one value for the "
            + "whole machine, and a lab may change only settings Linux keeps per network namespace"), r.error());
        assertEquals(5, r.errorLocation().line(), r.error());
        assertEquals(before, printkRatelimit(), "the host's setting changed");
    }

    private static String printkRatelimit() {
        return Command.of("sysctl", "-n", "kernel.printk_ratelimit").run().orThrow().stdout().strip();
    }
}
