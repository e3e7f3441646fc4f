package dev.tcplab.stack.bench;

import dev.tcplab.stack.packetdrill.PacketdrillRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time to play the whole packetdrill corpus against the model (packetdrill against a
 * real kernel needs each script's real time: minutes for the corpus). Every script is parsed
 * and played in a fresh model host; the first round includes class loading and JIT warm-up.
 *
 * <pre>
 * mvn -B -o -q -pl stack-core test-compile
 * java -cp stack-core/target/test-classes:stack-core/target/classes \
 *     dev.tcplab.stack.bench.PacketdrillCorpusBenchmark [rounds, default 5] [corpus dir]
 * </pre>
 */
public final class PacketdrillCorpusBenchmark {
    private PacketdrillCorpusBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Path.of(args.length > 1 ? args[1] : "stack-core/src/test/resources/packetdrill");
        List<Path> scripts = PacketdrillRunner.scripts(dir);
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            int pass = 0;
            for (Path p : scripts) {
                if (PacketdrillRunner.run(dir, p).passed()) {
                    pass++;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("round %d: %d scripts (%d pass) in %d ms wall%s%n", r, scripts.size(), pass, ms,
                    r == 1 ? " (cold: class loading, JIT)" : "");
        }
    }
}
