package dev.tcplab.lab.packetdrill;

import dev.tcplab.lab.report.PacketdrillReports;
import dev.tcplab.stack.packetdrill.PacketdrillRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays packetdrill scripts (files, or every {@code *.pkt} under a folder) against the model, one
 * fresh host each, prints a line per script (and the reason under one that did not pass) and, with
 * a reports folder, writes {@link PacketdrillReports}. Shared by {@code tcplab packetdrill} and
 * {@code mvn lab:packetdrill}.
 */
public final class PacketdrillSuite {
    /** What a run gave: its scripts' results in order. */
    public record Summary(List<PacketdrillRunner.Result> results) {
        /** How many passed. */
        public long passed() {
            return results.stream().filter(PacketdrillRunner.Result::passed).count();
        }

        /** The closing line: "N/M scripts pass". */
        public String line() {
            return passed() + "/" + results.size() + " scripts pass";
        }
    }

    private PacketdrillSuite() {}

    /**
     * Runs {@code inputs} in order. A folder's scripts are named by their path inside it; a file by
     * its name. {@code reports} may be null (no files written).
     *
     * @throws IllegalArgumentException an input that does not exist, or holds no script
     */
    public static Summary run(List<Path> inputs, Path reports, Consumer<String> out) throws IOException {
        List<Path[]> scripts = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                List<Path> found = PacketdrillRunner.scripts(abs);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("no packetdrill script (*.pkt) in " + p);
                }
                found.forEach(s -> scripts.add(new Path[] {abs, s}));
            } else {
                scripts.add(new Path[] {abs.getParent(), abs});
            }
        }
        PacketdrillReports files = reports == null ? null : new PacketdrillReports(reports);
        List<PacketdrillRunner.Result> results = new ArrayList<>();
        for (Path[] s : scripts) {
            List<Long> times = new ArrayList<>();
            List<byte[]> frames = new ArrayList<>();
            long start = System.nanoTime();
            PacketdrillRunner.Result r = PacketdrillRunner.run(s[0], s[1], (t, f) -> {
                times.add(t);
                frames.add(f);
            });
            long wall = System.nanoTime() - start;
            results.add(r);
            out.accept((r.passed() ? "PASS" : r.status().toString()) + " " + r.name());
            if (!r.passed()) {
                r.message().lines().forEach(l -> out.accept("  " + l));
            }
            if (files != null) {
                files.add(r, times, frames, wall);
            }
        }
        if (files != null) {
            files.finish();
        }
        Summary summary = new Summary(results);
        out.accept(summary.line());
        return summary;
    }
}
