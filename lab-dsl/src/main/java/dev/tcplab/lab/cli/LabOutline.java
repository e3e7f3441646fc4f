package dev.tcplab.lab.cli;

import dev.tcplab.lab.engine.LabFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab's title and checks read from its source text without compiling or running it, so
 * `tcplab list` is instant. Only literal `title = "..."` and `check("...", points = N)` are seen.
 */
record LabOutline(String id, Path file, String title, List<Check> checks) {
    record Check(String name, double points) {}

    private static final Pattern TITLE = Pattern.compile("(?m)^\\s*title\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CHECK = Pattern.compile(
        "\\bcheck\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"([^{\\n]*)");
    private static final Pattern POINTS = Pattern.compile("points\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)|^\\s*,\\s*([0-9]+(?:\\.[0-9]+)?)");

    static LabOutline read(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher t = TITLE.matcher(text);
        String title = t.find() ? t.group(1) : LabFiles.id(file);
        List<Check> checks = new ArrayList<>();
        Matcher c = CHECK.matcher(text);
        while (c.find()) {
            Matcher p = POINTS.matcher(c.group(2));
            double points = 1.0;
            if (p.find()) {
                points = Double.parseDouble(p.group(1) != null ? p.group(1) : p.group(2));
            }
            checks.add(new Check(c.group(1), points));
        }
        return new LabOutline(LabFiles.id(file), file, title, List.copyOf(checks));
    }

    double points() {
        return checks.stream().mapToDouble(Check::points).sum();
    }
}
