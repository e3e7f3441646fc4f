package dev.tcplab.stack.packetdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs packetdrill scripts against a fresh model host each (see {@link Executor}):
 * {@code PacketdrillRunner.run(path)} gives a {@link Result} — passed, or where and why not.
 */
public final class PacketdrillRunner {
    /** The seed of every run: one seed fixes the model's ISNs, ports and timestamps. */
    public static final long DEFAULT_SEED = 1;

    /** How a script ended. */
    public enum Status { PASS, FAIL, UNSUPPORTED, PARSE_ERROR }

    /** A script's outcome; message and line are empty/0 when it passed. */
    public record Result(String name, Status status, int line, String message) {
        public boolean passed() {
            return status == Status.PASS;
        }
    }

    /**
     * Sees every Ethernet frame on the script's tun device, in order, with its virtual time: what
     * the script injected and what the host sent (for a pcap of the run).
     */
    @FunctionalInterface
    public interface WireTap {
        /** Sees nothing. */
        WireTap NONE = (timeNs, frame) -> { };

        /** One frame; {@code frame} is a copy the tap may keep. */
        void frame(long timeNs, byte[] frame);
    }

    private PacketdrillRunner() {}

    /** Runs one script's text; name is used in messages (file:line). */
    public static Result run(String name, String text) {
        return run(name, text, WireTap.NONE);
    }

    /** As {@link #run(String, String)}, with every frame of the run handed to {@code tap}. */
    public static Result run(String name, String text, WireTap tap) {
        try {
            Script s = ScriptParser.parse(name, text);
            Executor.run(s, DEFAULT_SEED, tap);
            return new Result(name, Status.PASS, 0, "");
        } catch (PacketdrillException e) {
            Status st = switch (e.kind()) {
                case PARSE -> Status.PARSE_ERROR;
                case UNSUPPORTED -> Status.UNSUPPORTED;
                case FAILURE -> Status.FAIL;
            };
            return new Result(name, st, e.line(), e.getMessage());
        }
    }

    /** Runs a script file, named by its path relative to base in messages. */
    public static Result run(Path base, Path script) {
        return run(base, script, WireTap.NONE);
    }

    /** As {@link #run(Path, Path)}, with every frame of the run handed to {@code tap}. */
    public static Result run(Path base, Path script, WireTap tap) {
        try {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            return run(base.relativize(script).toString(), text, tap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code *.pkt} under dir, sorted by path. */
    public static List<Path> scripts(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> l = new ArrayList<>(s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList());
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
