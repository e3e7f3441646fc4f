package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.stack.compare.Ladder;
import dev.tcplab.stack.packetdrill.PacketdrillRunner.Result;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.pcap.PcapWriter;
import dev.tcplab.stack.wire.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reports of a packetdrill run ({@code tcplab packetdrill --reports DIR}, {@code mvn lab:packetdrill}):
 * {@code TEST-packetdrill.xml} in Surefire's format (a testcase per script: a model difference is a
 * failure, a construct the model lacks a failure of type "unsupported", a script that does not
 * parse an error), a pcap per script ({@code pcap/<script path, '/' as '.'>.pcap}: every
 * frame on the tun, both ways, in virtual time) and its ladder as text ({@code ladder/<same>.txt}:
 * one segment a line, time, direction and the compared fields, "C" being the side that sent the
 * first segment); a failing script's ladder is also in the XML's system-out. Like lab reports, a run first removes what the previous run into the
 * directory wrote ({@link ReportManifest}) and nothing else.
 */
public final class PacketdrillReports {
    private record Run(Result result, long wallNanos, String ladder) {}

    private final Path dir;
    private final List<String> written = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();

    /** Starts a run into {@code dir}: removes the previous run's files. */
    public PacketdrillReports(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        ReportManifest.clean(dir);
    }

    /**
     * Writes a script's pcap ({@code timesNs.get(i)} is when {@code frames.get(i)} crossed the tun)
     * and keeps its result for the XML; returns the pcap's path relative to the reports folder.
     */
    public String add(Result result, List<Long> timesNs, List<byte[]> frames, long wallNanos) throws IOException {
        String name = "pcap/" + PCAP_NAME_UNSAFE.matcher(result.name().replace('\\', '/').replace('/', '.')).replaceAll("_") + ".pcap";
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        // the pcap is built once in memory: written as the file and read for the ladder
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes)) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(timesNs.get(i), frames.get(i));
            }
        }
        byte[] pcap = bytes.toByteArray();
        Files.write(file, pcap);
        written.add(name);
        String ladderName = "ladder/" + name.substring("pcap/".length(), name.length() - ".pcap".length()) + ".txt";
        String ladder = ladder(result.name(), pcap);
        Path ladderFile = dir.resolve(ladderName);
        Files.createDirectories(ladderFile.getParent());
        Files.writeString(ladderFile, ladder, StandardCharsets.UTF_8);
        written.add(ladderName);
        runs.add(new Run(result, wallNanos, ladder));
        return name;
    }

    /** The ladder of a script's capture, "C" the sender of its first segment; why not, when it cannot be read. */
    static String ladder(String script, byte[] pcap) {
        try {
            PcapReader.Capture cap = PcapReader.read(pcap, script);
            if (cap.records().isEmpty()) {
                return script + ": no segment crossed the tun\n";
            }
            byte[] first = cap.records().get(0).data();
            Ipv4Address client = Ipv4Address.read(first, ETHERNET_HEADER + 12);
            return script + " (C = " + client + ", the sender of the first segment)\n"
                + Ladder.fromPcap(script, pcap, client).render();
        } catch (IOException | RuntimeException e) {
            return script + ": no ladder: " + e.getMessage() + "\n";
        }
    }

    private static final int ETHERNET_HEADER = 14;

    /** Characters a pcap's file name does not take from the script's path ("." and "/" leave "..": safe). */
    private static final java.util.regex.Pattern PCAP_NAME_UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9_.-]|^\\.+");

    /** Writes TEST-packetdrill.xml and the manifest. */
    public void finish() throws IOException {
        Files.writeString(dir.resolve("TEST-packetdrill.xml"), xml(runs), StandardCharsets.UTF_8);
        written.add("TEST-packetdrill.xml");
        ReportManifest.write(dir, written);
    }

    static String xml(List<Run> runs) {
        int failures = 0;
        int errors = 0;
        long wall = 0;
        for (Run r : runs) {
            switch (r.result().status()) {
                case PASS -> { }
                case FAIL, UNSUPPORTED -> failures++;
                case PARSE_ERROR -> errors++;
            }
            wall += r.wallNanos();
        }
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"packetdrill\" tests=\"").append(runs.size()).append("\" failures=\"").append(failures)
            .append("\" errors=\"").append(errors).append("\" skipped=\"0\" time=\"").append(seconds(wall)).append("\">\n");
        for (Run r : runs) {
            Result res = r.result();
            String name = res.name().replace('\\', '/');
            int slash = name.lastIndexOf('/');
            x.append("  <testcase classname=\"packetdrill").append(slash < 0 ? "" : "." + esc(name.substring(0, slash).replace('/', '.')))
                .append("\" name=\"").append(esc(name.substring(slash + 1))).append("\" time=\"").append(seconds(r.wallNanos()))
                .append("\"");
            String first = res.message().lines().findFirst().orElse("");
            switch (res.status()) {
                case PASS -> x.append("/>\n");
                case FAIL -> x.append(">\n    <failure message=\"").append(esc(first)).append("\" type=\"difference\">")
                    .append(esc(res.message())).append("</failure>\n    <system-out>").append(esc(r.ladder()))
                    .append("</system-out>\n  </testcase>\n");
                case UNSUPPORTED -> x.append(">\n    <failure message=\"").append(esc(first)).append("\" type=\"unsupported\">")
                    .append(esc(res.message())).append("</failure>\n  </testcase>\n");
                case PARSE_ERROR -> x.append(">\n    <error message=\"").append(esc(first)).append("\" type=\"parse\">")
                    .append(esc(res.message())).append("</error>\n  </testcase>\n");
            }
        }
        return x.append("</testsuite>\n").toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
