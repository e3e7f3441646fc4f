package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxLimits;
import dev.tcplab.lab.sandbox.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grader's compiled-script cache loads only what the grader wrote itself: a jar planted or
 * changed under the right name is compiled over, never loaded. (An ordinary cache would load it:
 * that is how a submission once ran its code in the grader.)
 */
class VerifiedCacheTest {
    @TempDir
    Path cache;

    private RunResult run(LabEngine engine) {
        return engine.run(new RunRequest(List.of(LabEngineTest.LABS.resolve("basic/clock.lab.kts")), null, null, null,
            null, null, null), LabListener.NONE);
    }

    private List<Path> jars() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".jar")).toList();
        }
    }

    @Test
    void aJarThisGraderDidNotWriteIsNeverLoaded() throws IOException {
        Sandbox sandbox = Sandbox.of(SandboxPolicy.REQUIRE, SandboxLimits.DEFAULT);
        assertEquals(Outcome.PASSED, run(new LabEngine(cache, true, sandbox)).labs().get(0).outcome());
        Path jar = jars().get(0);
        byte[] good = Files.readAllBytes(jar);

        // someone replaces the entry: the same grader compiles again instead of loading it
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 0});
        assertEquals(Outcome.PASSED, run(new LabEngine(cache, true, sandbox)).labs().get(0).outcome());
        assertNotEquals(5, Files.size(jar), "the planted jar was replaced by a compiled one");

        // a new grader trusts no entry it finds, even a well-formed one
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 0});
        assertEquals(Outcome.PASSED, run(new LabEngine(cache, true, sandbox)).labs().get(0).outcome());
        // while an ordinary cache would have loaded what it found (here: garbage, so the lab errors)
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 0});
        assertEquals(Outcome.ERROR, run(new LabEngine(cache)).labs().get(0).outcome());
        Files.write(jar, good);
    }
}
