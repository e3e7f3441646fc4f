package dev.tcplab.stack.wire;

import dev.tcplab.stack.pcap.PcapReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Linux 6.18 ground-truth captures on the test classpath (reference/linux-6.18). */
public final class ReferenceCaptures {
    private ReferenceCaptures() {}

    public static Path dir() {
        URL url = ReferenceCaptures.class.getClassLoader().getResource("reference/linux-6.18/a_normal.pcap");
        if (url == null) {
            throw new IllegalStateException("reference/linux-6.18 is not on the test classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scenario names (file names without .pcap), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - ".pcap".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PcapReader.Capture capture(String name) {
        try {
            return PcapReader.read(dir().resolve(name + ".pcap"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of a text file next to the capture, e.g. text("a_normal", ".table.txt"). */
    public static List<String> text(String name, String suffix) {
        try {
            return Files.readAllLines(dir().resolve(name + suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
