package dev.tcplab.stack.pcap;

import dev.tcplab.stack.wire.ReferenceCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapRoundTripTest {
    static byte[] write(List<PcapReader.Record> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out)) {
            for (PcapReader.Record r : records) {
                writer.write(r.timeNanos(), r.data());
            }
            writer.flush();
        }
        return out.toByteArray();
    }

    @Test
    void globalHeaderIsNanosecondLittleEndianEthernet() throws IOException {
        byte[] file = write(List.of());
        assertEquals("4d3cb2a1" + "02000400" + "00000000" + "00000000" + "00000400" + "01000000",
                HexFormat.of().formatHex(file));
    }

    @Test
    void writerThenReaderGivesTheSameRecords(@TempDir Path dir) throws IOException {
        List<PcapReader.Record> records = List.of(
                new PcapReader.Record(0, 3, new byte[] {1, 2, 3}),
                new PcapReader.Record(1_000_000_001L, 0, new byte[0]),
                new PcapReader.Record(4_294_967_295_999_999_999L, 60, new byte[60]), // last second pcap can hold
                new PcapReader.Record(1_795_616_849_559_925_123L, 54, ReferenceCaptures.capture("b_rst_closed_port").records().get(1).data()));
        byte[] file = write(records);
        assertEquals(24 + 4 * 16 + 3 + 0 + 60 + 54, file.length);
        Path path = dir.resolve("x.pcap");
        Files.write(path, file);
        PcapReader.Capture capture = PcapReader.read(path);
        assertEquals(PcapWriter.LINKTYPE_ETHERNET, capture.linkType());
        assertTrue(capture.nanosecond());
        assertEquals(records, capture.records());
        assertArrayEquals(file, write(capture.records()), "same records, same bytes");
    }

    @Test
    void readsMicrosecondFilesInBothByteOrders() throws IOException {
        // tcpdump wrote the references little-endian with the microsecond magic
        PcapReader.Capture a = ReferenceCaptures.capture("a_normal");
        assertFalse(a.nanosecond());
        assertEquals(11, a.records().size());
        // 1795616849.559925 in a_normal.txt; the next frame 44 us later
        assertEquals(1_795_616_849_559_925_000L, a.records().get(0).timeNanos());
        assertEquals(44_000L, a.records().get(1).timeNanos() - a.records().get(0).timeNanos());

        byte[] big = toBigEndian(Files.readAllBytes(ReferenceCaptures.dir().resolve("a_normal.pcap")));
        PcapReader.Capture b = PcapReader.read(big, "big-endian copy");
        assertEquals(a, b);
    }

    @Test
    void badFilesGiveClearErrors() throws IOException {
        IOException magic = assertThrows(IOException.class, () -> PcapReader.read(new byte[24], "zeros.pcap"));
        assertTrue(magic.getMessage().contains("zeros.pcap") && magic.getMessage().contains("magic"), magic.getMessage());
        assertThrows(IOException.class, () -> PcapReader.read(new byte[3], "short.pcap"));
        byte[] good = write(List.of(new PcapReader.Record(5, 10, new byte[10])));
        IOException cut = assertThrows(IOException.class, () -> PcapReader.read(Arrays.copyOf(good, good.length - 1), "cut.pcap"));
        assertTrue(cut.getMessage().contains("truncated record data"), cut.getMessage());
        assertThrows(IOException.class, () -> PcapReader.read(Arrays.copyOf(good, 24 + 7), "cut-header.pcap"));
        assertThrows(IllegalArgumentException.class, () -> new PcapWriter(new ByteArrayOutputStream()).write(-1, new byte[1]));
    }

    /** Rewrites a little-endian classic pcap with every header field byte-swapped. */
    private static byte[] toBigEndian(byte[] little) {
        ByteBuffer in = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(little.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
        for (int i = 0; i < 4; i++) {
            out.putInt(in.getInt());
        }
        while (in.hasRemaining()) {
            for (int i = 0; i < 3; i++) {
                out.putInt(in.getInt());
            }
            int orig = in.getInt();
            out.putInt(orig);
            int incl = in.getInt(in.position() - 8);
            byte[] data = new byte[incl];
            in.get(data);
            out.put(data);
        }
        return out.array();
    }
}
