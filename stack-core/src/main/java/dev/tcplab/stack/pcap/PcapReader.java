package dev.tcplab.stack.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads classic pcap files (micro- or nanosecond magic, either byte order). */
public final class PcapReader {
    private PcapReader() {}

    public record Record(long timeNanos, int originalLength, byte[] data) {}

    public record Capture(int linkType, boolean nanosecond, List<Record> records) {}

    public static Capture read(Path file) throws IOException {
        throw new UnsupportedOperationException("pcap: TODO");
    }
}
