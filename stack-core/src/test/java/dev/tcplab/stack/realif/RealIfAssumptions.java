package dev.tcplab.stack.realif;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real-interface tests skip with the reason when root or libpcap is missing - except under
 * CI=true, where CI runs as root with libpcap0.8/iproute2 installed, so missing means broken.
 */
public final class RealIfAssumptions {
    private RealIfAssumptions() {}

    public static void assumeRealInterfaces() {
        RealInterfaces.Availability a = RealInterfaces.availability();
        if (a.ok()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(a.reason() + " (CI=true: real-interface tests must run in CI)");
        }
        Assumptions.assumeTrue(false, a.reason());
    }
}
