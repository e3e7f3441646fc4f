package dev.tcplab.stack.wire;

import dev.tcplab.stack.pcap.PcapReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DecodedFrame.summary() against the tcpdump -nn -tt -v text captured with each pcap.
 * summary() prints absolute sequence numbers; tcpdump prints them relative once it has seen
 * an ACK-bearing segment of the conversation, so this test re-applies tcpdump's rule
 * (print-tcp.c tcp_print: base recorded on the first ACK segment, or any SYN+ACK) to ours.
 */
class TcpdumpTextTest {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) > (\\S+): Flags \\[([^\\]]*)](?:, seq (\\d+)(?::(\\d+))?)?(?:, ack (\\d+))?, win (\\d+)"
                    + "(?:, urg (\\d+))?(?:, options \\[([^\\]]*)])?, length (\\d+)$");
    private static final Pattern CKSUM = Pattern.compile(", cksum 0x[0-9a-f]{4} \\((correct|incorrect -> 0x[0-9a-f]{4})\\)");
    private static final String BAD = " [bad tcp cksum]";

    static List<String> names() {
        return ReferenceCaptures.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void summaryAgreesWithTcpdump(String name) {
        List<String> tcpdump = ReferenceCaptures.text(name, ".txt").stream()
                .filter(l -> l.startsWith("    ")).map(String::trim).toList();
        List<PcapReader.Record> records = ReferenceCaptures.capture(name).records();
        assertEquals(records.size(), tcpdump.size(), name + ": tcpdump lines vs frames");
        Map<String, long[]> bases = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String where = name + " frame " + (i + 1);
            String theirs = tcpdump.get(i);
            Matcher cksum = CKSUM.matcher(theirs);
            assertTrue(cksum.find(), where + ": tcpdump -v line without cksum: " + theirs);
            Matcher expected = LINE.matcher(cksum.replaceFirst(""));
            String summary = Frames.decode(records.get(i).data()).summary();
            // c0's frames carry offloaded (partial) checksums: tcpdump says incorrect, so must we
            assertEquals(!cksum.group(1).equals("correct"), summary.endsWith(BAD), where + ": " + summary);
            Matcher actual = LINE.matcher(summary.endsWith(BAD) ? summary.substring(0, summary.length() - BAD.length()) : summary);
            assertTrue(expected.matches(), where + ": unparsed tcpdump line " + theirs);
            assertTrue(actual.matches(), where + ": summary not in tcpdump form: " + summary);

            for (int g : new int[] {1, 2, 3, 7, 8, 9, 10}) {
                assertEquals(expected.group(g), actual.group(g), where + " group " + g + "\n  tcpdump: " + theirs + "\n  summary: " + summary);
            }
            long[] relative = relativize(bases, actual);
            assertEquals(expected.group(4), str(relative[0], actual.group(4)), where + " seq: " + summary);
            assertEquals(expected.group(5), str(relative[1], actual.group(5)), where + " seq end: " + summary);
            assertEquals(expected.group(6), str(relative[2], actual.group(6)), where + " ack: " + summary);
        }
    }

    /** Returns {seq, seqEnd, ack} minus tcpdump's per-conversation bases, or as printed (-1 = keep). */
    private static long[] relativize(Map<String, long[]> bases, Matcher m) {
        String flags = m.group(3);
        boolean ack = flags.contains(".");
        long seq = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        long seqEnd = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
        long ackNo = m.group(6) == null ? 0 : Long.parseLong(m.group(6));
        if (!ack) {
            return new long[] {-1, -1, -1};
        }
        String fwd = m.group(1) + ">" + m.group(2);
        String rev = m.group(2) + ">" + m.group(1);
        if (!bases.containsKey(fwd) || flags.contains("S")) {
            bases.put(fwd, new long[] {seq});
            bases.put(rev, new long[] {(ackNo - 1) & 0xffffffffL});
            return new long[] {-1, -1, -1};
        }
        long mine = bases.get(fwd)[0];
        long peer = bases.get(rev)[0];
        return new long[] {(seq - mine) & 0xffffffffL, (seqEnd - mine) & 0xffffffffL, (ackNo - peer) & 0xffffffffL};
    }

    private static String str(long relative, String printed) {
        if (printed == null) {
            return null;
        }
        return relative < 0 ? printed : Long.toString(relative);
    }
}
