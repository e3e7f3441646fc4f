package dev.tcplab.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No stale results survive a run: {@link Reports} lists every file it writes in
 * {@code .tcplab-reports} in the reports directory, and the next run into that directory first
 * deletes exactly those files (and the lab folders they leave empty). So after a one-lab run the
 * directory holds that lab's page, TEST-*.xml and an index of that run only, and CI collects
 * no TEST-*.xml of an earlier run. Nothing else is touched: a file someone put there, or one a
 * listed path reaches through a link or "..", stays. A directory written before the list existed
 * gets the same cleaning for files recognisably this tool's: TEST-*.xml carrying its score
 * properties, and lab folders whose result.json is a lab result (their page, trace and pcaps).
 */
final class ReportManifest {
    static final String NAME = ".tcplab-reports";

    private ReportManifest() {}

    /** Deletes what the previous run into {@code dir} wrote. */
    static void clean(Path dir) throws IOException {
        Path list = dir.resolve(NAME);
        Set<Path> files = new LinkedHashSet<>();
        if (Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                Path p = inside(dir, line);
                if (p != null) {
                    files.add(p);
                }
            }
        } else {
            files.addAll(legacy(dir));
        }
        Set<Path> folders = new LinkedHashSet<>();
        for (Path f : files) {
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(f);
            }
            if (!f.getParent().equals(dir)) {
                folders.add(f.getParent());
            }
        }
        for (Path d : folders) {
            if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && isEmpty(d)) {
                Files.delete(d);
            }
        }
    }

    /** Records the files of this run (paths relative to {@code dir}, '/'-separated). */
    static void write(Path dir, List<String> written) throws IOException {
        Files.writeString(dir.resolve(NAME), String.join("\n", written) + "\n", StandardCharsets.UTF_8);
    }

    /** A listed path: relative, one folder deep at most, no "..", no link on the way; else null. */
    private static Path inside(Path dir, String line) {
        if (line.isBlank() || line.startsWith("/") || line.contains("\\") || line.contains("\u0000")) {
            return null;
        }
        String[] parts = line.split("/");
        if (parts.length > 2) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return null;
            }
        }
        Path p = dir.resolve(line).normalize();
        if (!p.startsWith(dir) || parts.length == 2 && Files.isSymbolicLink(p.getParent())) {
            return null;
        }
        return p;
    }

    private static final Pattern CAPTURE_FILE = Pattern.compile("\"file\": \"([A-Za-z0-9_.-]+\\.pcap)\"");

    /** Files of a reports directory written before the list existed, recognisably this tool's. */
    private static List<Path> legacy(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith("TEST-") && name.endsWith(".xml") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    String xml = head(p);
                    if (xml.contains("<property name=\"maxPoints\"") && xml.contains("<property name=\"score\"")) {
                        out.add(p);
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(p.resolve("result.json"), LinkOption.NOFOLLOW_LINKS)) {
                    String json = head(p.resolve("result.json"));
                    if (json.contains("\"virtualNanos\"") && json.contains("\"checks\"") && json.contains("\"outcome\"")) {
                        for (String f : List.of("index.html", "result.json", "trace.txt")) {
                            out.add(p.resolve(f));
                        }
                        Matcher m = CAPTURE_FILE.matcher(Files.readString(p.resolve("result.json"), StandardCharsets.UTF_8));
                        while (m.find()) {
                            out.add(p.resolve(m.group(1)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String head(Path p) throws IOException {
        byte[] b;
        try (var in = Files.newInputStream(p)) {
            b = in.readNBytes(4096);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            return !s.iterator().hasNext();
        }
    }
}
