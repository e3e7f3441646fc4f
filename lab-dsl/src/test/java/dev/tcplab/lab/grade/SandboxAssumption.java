package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxLimits;
import dev.tcplab.lab.sandbox.SandboxPolicy;
import org.junit.jupiter.api.Assumptions;

/** Grading tests need the operating system's sandbox: skipped without one, failed in CI (which installs it). */
final class SandboxAssumption {
    private SandboxAssumption() {}

    static void requireSandbox() {
        String why = Sandbox.of(SandboxPolicy.REQUIRE, SandboxLimits.DEFAULT).unavailable();
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI must be able to sandbox submissions: " + why);
        }
        Assumptions.assumeTrue(why == null, () -> "no sandbox here: " + why);
    }
}
