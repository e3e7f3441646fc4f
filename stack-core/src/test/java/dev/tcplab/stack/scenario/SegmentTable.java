package dev.tcplab.stack.scenario;

import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.ReferenceCaptures;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference tables' view of a capture (scripts/pcap_table.py): time since the first packet,
 * direction, flags, seq/ack relative to each direction's first seen sequence number, raw window,
 * payload length, option kinds in order. Built from a reference table file or from a model pcap
 * with the same rules, so the two compare field by field.
 */
record SegmentTable(List<Row> rows) {
    /**
     * ports is "src>dst" as on the wire; tsval/tsecr are -1 without a timestamp option.
     */
    record Row(int n, double t, String dir, String ports, String flags, long rseq, String rack, int win, int len,
               List<String> options, long tsval, long tsecr) {
        /** The connection's client port (the 4-tuple's only varying part in these captures). */
        String clientPort() {
            String[] p = ports.split(">");
            return dir.equals("C->S") ? p[0] : p[1];
        }

        /** Everything but time, for segment-by-segment comparison. */
        String shape() {
            return dir + " " + flags + " rseq=" + rseq + " rack=" + rack + " win=" + win + " len=" + len + " opts=" + options;
        }
    }

    static SegmentTable reference(String scenario) {
        List<Row> rows = new ArrayList<>();
        for (String line : ReferenceCaptures.text(scenario, ".table.txt")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("(")) {
                continue;
            }
            // columns: n t dir ports flags rseq rack win len [options [isn=.. raw=..]]
            String[] g = l.split("\\s+", 10);
            String opts = g.length > 9 ? stripBracket(g[9]) : "";
            Matcher ts = TS.matcher(opts);
            boolean hasTs = ts.find();
            rows.add(new Row(Integer.parseInt(g[0]), Double.parseDouble(g[1]), g[2], g[3], g[4], Long.parseLong(g[5]), g[6],
                    Integer.parseInt(g[7]), Integer.parseInt(g[8]), optionKinds(opts),
                    hasTs ? Long.parseLong(ts.group(1)) : -1, hasTs ? Long.parseLong(ts.group(2)) : -1));
        }
        return new SegmentTable(rows);
    }

    private static final Pattern TS = Pattern.compile("TS val=(\\d+) ecr=(\\d+)");

    private static String stripBracket(String s) {
        int i = s.indexOf("[isn=");
        return (i >= 0 ? s.substring(0, i) : s).trim();
    }

    /** tcpdump's SACK option: "SAck (left, right)", one parenthesized pair per block. */
    private static final Pattern SACK = Pattern.compile("SAck((?:\\s*\\([^)]*\\))+)");

    /**
     * "mss 1460,sackOK,TS val=1 ecr=0,nop,wscale 10" → [mss, sackOK, TS, nop, wscale]; a SACK
     * option "SAck (a, b) (c, d)" → "SAck/2" (its block count).
     */
    static List<String> optionKinds(String text) {
        List<String> r = new ArrayList<>();
        if (text.isBlank()) {
            return r;
        }
        Matcher sack = SACK.matcher(text);
        StringBuilder plain = new StringBuilder();
        while (sack.find()) {
            sack.appendReplacement(plain, "SAck/" + sack.group(1).chars().filter(c -> c == '(').count());
        }
        sack.appendTail(plain);
        for (String part : plain.toString().split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                r.add(p.split(" ")[0]);
            }
        }
        return r;
    }

    static SegmentTable fromPcap(byte[] pcap, String clientIp) {
        PcapReader.Capture cap;
        try {
            cap = PcapReader.read(pcap, "model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Long> isn = new HashMap<>();
        long t0 = -1;
        int n = 0;
        for (PcapReader.Record rec : cap.records()) {
            DecodedFrame d = Frames.decode(rec.data());
            if (d.tcp() == null || d.ip() == null) {
                continue;
            }
            if (t0 < 0) {
                t0 = rec.timeNanos();
            }
            TcpRepr t = d.tcp();
            String src = d.ip().src() + ":" + t.srcPort();
            String dst = d.ip().dst() + ":" + t.dstPort();
            String key = src + ">" + dst;
            String rkey = dst + ">" + src;
            long seq = Integer.toUnsignedLong(t.seq());
            isn.putIfAbsent(key, seq);
            long rseq = (seq - isn.get(key)) & 0xFFFFFFFFL;
            String rack;
            if (t.has(TcpFlags.ACK) && isn.containsKey(rkey)) {
                rack = Long.toString((Integer.toUnsignedLong(t.ack()) - isn.get(rkey)) & 0xFFFFFFFFL);
            } else if (t.has(TcpFlags.ACK)) {
                rack = "abs:" + Integer.toUnsignedLong(t.ack());
            } else {
                rack = "-";
            }
            List<String> kinds = new ArrayList<>();
            for (int k : t.options().kinds()) {
                kinds.add(switch (k) {
                    case 0 -> "eol";
                    case 1 -> "nop";
                    case 2 -> "mss";
                    case 3 -> "wscale";
                    case 4 -> "sackOK";
                    case 5 -> "SAck/" + t.options().sackBlocks().size();
                    case 8 -> "TS";
                    default -> "opt" + k;
                });
            }
            String dir = d.ip().src().toString().equals(clientIp) ? "C->S" : "S->C";
            boolean ts = t.options().timestamps();
            rows.add(new Row(++n, (rec.timeNanos() - t0) / 1e9, dir, t.srcPort() + ">" + t.dstPort(),
                    TcpFlags.letters(t.flags()), rseq, rack, t.window(), t.payload().length, kinds,
                    ts ? Integer.toUnsignedLong(t.options().tsVal()) : -1,
                    ts ? Integer.toUnsignedLong(t.options().tsEcr()) : -1));
        }
        return new SegmentTable(rows);
    }

    /**
     * What each segment's TSecr echoes: the set of segments of the same connection in the other
     * direction, sent before it, whose TSval it equals, each as its ordinal within the connection
     * (counting both directions); empty without a timestamp or with ecr 0, {0} when no captured
     * segment carries it. TSvals are a millisecond clock plus a per-connection random offset, so
     * only this relation compares between runs; a set because segments sent within one
     * millisecond share a TSval, and where the millisecond boundaries fall differs between runs.
     */
    List<Set<Integer>> echoes() {
        List<Set<Integer>> r = new ArrayList<>();
        Map<String, Integer> ordinal = new HashMap<>();
        List<Integer> ordinalOfRow = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ordinalOfRow.add(ordinal.merge(row.clientPort(), 1, Integer::sum));
            Set<Integer> e = new TreeSet<>();
            if (row.tsecr() > 0) {
                for (int j = 0; j < i; j++) {
                    Row p = rows.get(j);
                    if (!p.dir().equals(row.dir()) && p.clientPort().equals(row.clientPort()) && p.tsval() == row.tsecr()) {
                        e.add(ordinalOfRow.get(j));
                    }
                }
                if (e.isEmpty()) {
                    e.add(0);
                }
            }
            r.add(e);
        }
        return r;
    }

    List<String> shapes() {
        return rows.stream().map(Row::shape).toList();
    }

    double time(int n) {
        return rows.get(n - 1).t();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%3d %10.6f %s%n", r.n(), r.t(), r.shape()));
        }
        return b.toString();
    }
}
