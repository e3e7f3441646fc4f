package dev.tcplab.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the Mojos share: where the labs are, which scripts to run, how long a lab may take. */
final class LabScripts {
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.lab.kts");
    /** A scaffolded lab's solution and template are submissions, not labs: always excluded. */
    static final List<String> DEFAULT_EXCLUDES = List.of("**/solution/**", "**/submission-template/**");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

    private LabScripts() {}

    /** The configured directory, else src/labs when present, else labs. */
    static Path labsDirectory(File basedir, File configured) {
        if (configured != null) {
            return configured.toPath();
        }
        Path src = basedir.toPath().resolve("src").resolve("labs");
        return Files.isDirectory(src) ? src : basedir.toPath().resolve("labs");
    }

    /**
     * *.lab.kts under dir matching an include and no exclude (globs relative to dir, as in other
     * plugins), sorted; {@code only} keeps the lab whose id (file name without .lab.kts) or folder
     * is that name.
     */
    static List<Path> find(Path dir, List<String> includes, List<String> excludes, String only) throws IOException {
        List<PathMatcher> in = matchers(includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes);
        List<String> ex = new ArrayList<>(DEFAULT_EXCLUDES);
        if (excludes != null) {
            ex.addAll(excludes);
        }
        List<PathMatcher> out = matchers(ex);
        List<Path> scripts = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return scripts;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                Path rel = dir.relativize(p);
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".lab.kts")
                    && matches(in, rel) && !matches(out, rel) && (only == null || isLab(p, only))) {
                    scripts.add(p);
                }
            }
        }
        return scripts;
    }

    private static boolean isLab(Path script, String name) {
        String id = script.getFileName().toString().replace(".lab.kts", "");
        Path parent = script.getParent();
        return id.equals(name) || parent != null && parent.getFileName() != null
            && parent.getFileName().toString().equals(name);
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> m = new ArrayList<>();
        for (String g : globs) {
            m.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
            if (g.startsWith("**/")) {
                // "**/x" should also match x at the top, as in Ant-style patterns
                m.add(FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)));
            }
        }
        return m;
    }

    private static boolean matches(List<PathMatcher> ms, Path rel) {
        return ms.stream().anyMatch(m -> m.matches(rel));
    }

    /** "90" (seconds), "90s", "1500ms", "2m"; null or blank = null (the engine's default). */
    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("lab.timeout '" + text + "': use seconds, like 90, 90s, 1500ms or 2m");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> v;
            case "m", "min" -> v * 60_000;
            default -> v * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
