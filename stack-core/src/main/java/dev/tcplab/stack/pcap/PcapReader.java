package dev.tcplab.stack.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads classic pcap files (micro- or nanosecond magic, either byte order). */
public final class PcapReader {
    public static final int MAGIC_MICROSECOND = 0xa1b2c3d4;

    /** Larger than any snaplen libpcap writes; a record claiming more is corrupt. */
    private static final int MAX_RECORD_LEN = 0x4000000;

    private PcapReader() {}

    /** One captured frame; equals/hashCode compare data by content. */
    public record Record(long timeNanos, int originalLength, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Record r && timeNanos == r.timeNanos && originalLength == r.originalLength
                    && java.util.Arrays.equals(data, r.data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(timeNanos) * 31 * 31 + originalLength * 31 + java.util.Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Record[t=" + timeNanos + "ns, orig=" + originalLength + ", " + data.length + " bytes]";
        }
    }

    public record Capture(int linkType, boolean nanosecond, List<Record> records) {}

    /** IOException naming the file and byte offset on a bad magic, a truncated record or a corrupt length. */
    public static Capture read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Same as {@link #read(Path)} for bytes in memory; {@code name} goes into error messages. */
    public static Capture read(byte[] bytes, String name) throws IOException {
        if (bytes.length < PcapWriter.GLOBAL_HEADER_LEN) {
            throw new IOException(name + ": not a pcap file (" + bytes.length + " bytes, global header needs 24)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (magic != MAGIC_MICROSECOND && magic != PcapWriter.MAGIC_NANOSECOND) {
            order = ByteOrder.BIG_ENDIAN;
            magic = Integer.reverseBytes(magic);
        }
        if (magic != MAGIC_MICROSECOND && magic != PcapWriter.MAGIC_NANOSECOND) {
            throw new IOException(String.format("%s: not a classic pcap file (magic 0x%08x; pcapng is not supported)",
                    name, Integer.reverseBytes(magic)));
        }
        boolean nano = magic == PcapWriter.MAGIC_NANOSECOND;
        in.order(order);
        int linkType = in.getInt(20) & 0x0fffffff; // upper bits carry FCS info (pcap-savefile(5))
        List<Record> records = new ArrayList<>();
        int pos = PcapWriter.GLOBAL_HEADER_LEN;
        while (pos < bytes.length) {
            if (bytes.length - pos < PcapWriter.RECORD_HEADER_LEN) {
                throw new IOException(name + ": truncated record header at offset " + pos);
            }
            long seconds = Integer.toUnsignedLong(in.getInt(pos));
            long fraction = Integer.toUnsignedLong(in.getInt(pos + 4));
            int inclLen = in.getInt(pos + 8);
            int origLen = in.getInt(pos + 12);
            if (inclLen < 0 || inclLen > MAX_RECORD_LEN) {
                throw new IOException(name + ": corrupt record length " + Integer.toUnsignedString(inclLen) + " at offset " + pos);
            }
            pos += PcapWriter.RECORD_HEADER_LEN;
            if (bytes.length - pos < inclLen) {
                throw new IOException(name + ": truncated record data at offset " + pos + " (want " + inclLen
                        + " bytes, have " + (bytes.length - pos) + ")");
            }
            byte[] data = new byte[inclLen];
            System.arraycopy(bytes, pos, data, 0, inclLen);
            pos += inclLen;
            long nanos = seconds * 1_000_000_000L + (nano ? fraction : fraction * 1_000L);
            records.add(new Record(nanos, origLen, data));
        }
        return new Capture(linkType, nano, List.copyOf(records));
    }
}
