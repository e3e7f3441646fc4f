package dev.tcplab.stack.wire;

import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.pcap.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every frame Linux 6.18 put on the wire decodes, verifies, and re-emits byte for byte. */
class ReferenceCaptureTest {
    // scripts/pcap_table.py row: #, t, dir, sport>dport, flags, rseq, rack, win, len, options
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+[\\d.]+\\s+(C->S|S->C)\\s+(\\d+)>(\\d+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+(\\d+)\\s?(.*)$");
    private static final Pattern CKSUM = Pattern.compile("cksum 0x([0-9a-f]{4}) \\((?:correct|incorrect -> 0x([0-9a-f]{4}))\\)");
    private static final Pattern SYN_EXTRA = Pattern.compile("\\[isn=(\\d+) raw=([0-9a-f]*)]");

    static List<String> names() {
        return ReferenceCaptures.names();
    }

    @Test
    void allScenariosArePresent() {
        assertEquals(13, names().size(), "reference pcaps: " + names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyFrameDecodesVerifiesAndReEmitsIdentically(String name) {
        PcapReader.Capture capture = ReferenceCaptures.capture(name);
        assertEquals(PcapWriter.LINKTYPE_ETHERNET, capture.linkType());
        assertTrue(capture.records().size() > 0, name + " has frames");
        List<String> tcpdump = ReferenceCaptures.text(name, ".txt").stream().filter(l -> l.startsWith("    ")).toList();
        assertEquals(capture.records().size(), tcpdump.size(), name + ": tcpdump lines vs frames");
        int n = 0;
        int offloaded = 0;
        for (PcapReader.Record record : capture.records()) {
            n++;
            byte[] frame = record.data();
            String where = name + " frame " + n;
            assertEquals(record.originalLength(), frame.length, where + " was captured whole");

            EthernetFrame eth = EthernetFrame.wrap(frame);
            assertEquals(WireError.OK, eth.check(), where);
            assertEquals(EtherType.IPV4, eth.etherType(), where);
            Ipv4Packet ip = Ipv4Packet.wrap(frame, eth.payloadOffset(), eth.payloadLength());
            assertEquals(WireError.OK, ip.check(), where);
            assertTrue(ip.verifyChecksum(), where);
            TcpPacket tcp = TcpPacket.wrap(frame, ip.payloadOffset(), ip.payloadLength());
            assertEquals(WireError.OK, tcp.check(), where);
            // tcpdump is the oracle: c0 ran on a veth with tx checksum offload left on, so its
            // frames carry only the partial (pseudo header) checksum and tcpdump says "incorrect"
            Matcher cksum = CKSUM.matcher(tcpdump.get(n - 1));
            assertTrue(cksum.find(), where + ": " + tcpdump.get(n - 1));
            boolean correct = cksum.group(2) == null;
            assertEquals(Integer.parseInt(cksum.group(1), 16), tcp.checksum(), where + " checksum field");
            assertEquals(correct, tcp.verifyChecksum(ip.src(), ip.dst()), where + " TCP checksum verifies as tcpdump says");

            DecodedFrame decoded = Frames.decode(frame);
            assertEquals(correct ? WireError.OK : WireError.BAD_CHECKSUM, decoded.error(), where);
            assertNotNull(decoded.tcp(), where);
            // Linux (and scapy's option-less segments) always use the canonical option layout
            assertNull(decoded.tcp().options().raw(), where + " options not canonical: " + decoded.tcp().options());

            byte[] rebuilt = Frames.tcp(decoded.ethernet().src(), decoded.ethernet().dst(), decoded.ip(), decoded.tcp());
            int at = tcp.payloadOffset() - tcp.headerLength() + 16;
            int rebuiltChecksum = ((rebuilt[at] & 0xff) << 8) | (rebuilt[at + 1] & 0xff);
            if (correct) {
                assertArrayEquals(frame, rebuilt, where + " re-emitted from its reprs");
            } else {
                assertEquals(Integer.parseInt(cksum.group(2), 16), rebuiltChecksum, where + " checksum tcpdump computed");
                rebuilt[at] = frame[at];
                rebuilt[at + 1] = frame[at + 1];
                assertArrayEquals(frame, rebuilt, where + " re-emitted from its reprs (apart from the checksum)");
                offloaded++;
            }
        }
        assertEquals(name.startsWith("c0_") ? n : 0, offloaded, name + ": frames with offloaded checksums");
    }

    @ParameterizedTest
    @MethodSource("names")
    void framesAgreeWithTheReferenceTable(String name) {
        List<PcapReader.Record> records = ReferenceCaptures.capture(name).records();
        List<Matcher> rows = ReferenceCaptures.text(name, ".table.txt").stream()
                .map(ROW::matcher).filter(Matcher::matches).toList();
        assertEquals(records.size(), rows.size(), name + ": table rows vs frames");
        for (int i = 0; i < rows.size(); i++) {
            Matcher row = rows.get(i);
            DecodedFrame d = Frames.decode(records.get(i).data());
            TcpRepr tcp = d.tcp();
            String where = name + " row " + row.group(1);
            assertEquals(row.group(2).equals("C->S"), d.ip().src().equals(Ipv4Address.parse(
                    name.startsWith("c0") ? "198.51.100.1" : "192.0.2.1")), where + " direction");
            assertEquals(Integer.parseInt(row.group(3)), tcp.srcPort(), where);
            assertEquals(Integer.parseInt(row.group(4)), tcp.dstPort(), where);
            assertEquals(row.group(5), TcpFlags.letters(tcp.flags()), where + " flags");
            assertEquals(Integer.parseInt(row.group(6)), tcp.window(), where + " win");
            assertEquals(Integer.parseInt(row.group(7)), tcp.payload().length, where + " len");
            String options = row.group(8);
            Matcher syn = SYN_EXTRA.matcher(options);
            if (syn.find()) {
                assertTrue(tcp.has(TcpFlags.SYN), where);
                assertEquals(Long.parseLong(syn.group(1)), Integer.toUnsignedLong(tcp.seq()), where + " isn");
                byte[] raw = new byte[tcp.options().length()];
                tcp.options().emit(raw, 0);
                assertEquals(syn.group(2), HexFormat.of().formatHex(raw), where + " raw options");
                options = options.substring(0, syn.start());
            }
            String expected = options.trim().replace("TS val=", "TS val ").replace(" ecr=", " ecr ");
            assertEquals(expected, tcp.options().tcpdump(), where + " options");
        }
    }
}
