package dev.tcplab.lab.grade;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The adversarial suite again on the fallback sandbox (unshare + setpriv, what a machine without
 * bubblewrap gets): the same exact scores. Without seccomp, processes can be started there (only
 * the JDK's java and setpriv are visible, inside the same walls) and die with the lab's pid
 * namespace, so those two reports differ; nothing else does.
 */
class GradingAttacksUnshareTest extends GradingAttacksTest {
    @BeforeAll
    void useUnshare() {
        // read when the grader's sandbox is first used, which is after every @BeforeAll
        System.setProperty("tcplab.sandbox.tool", "unshare");
    }

    @AfterAll
    void useBubblewrapAgain() {
        System.clearProperty("tcplab.sandbox.tool");
    }

    @Override
    String isolationPrefix() {
        return "unshare + setpriv";
    }

    @Override
    String expectation(String attack, String shows) {
        return switch (attack) {
            case "run-programs" -> "not the secret: ran=";
            case "outlive" -> "not the secret: forks=";
            default -> shows;
        };
    }
}
