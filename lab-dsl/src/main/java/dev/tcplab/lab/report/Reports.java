package dev.tcplab.lab.report;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace.LinkCapture;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes every report of a run under one directory (target/lab-reports by convention):
 * per lab an HTML page with the ladder diagram, the pcaps, the kernel trace, a JSON result;
 * across labs Surefire TEST-*.xml and a summary. Used by the CLI and the Maven plugin alike.
 * Output depends only on the RunResult: the same result gives the same bytes. A run first
 * removes what the previous run into the same directory wrote ({@link ReportManifest}): the
 * directory then shows this run only, and its index.html lists exactly this run's labs (after
 * {@code --lab X}, that one lab).
 */
public final class Reports {
    private Reports() {}

    public static void write(RunResult run, Path dir) throws IOException {
        write(run, dir, null);
    }

    /**
     * As {@link #write(RunResult, Path)}; with {@code gradingSuite} set, the JUnit XML is one file,
     * TEST-&lt;gradingSuite&gt;.xml, holding every check of every lab (how a grading run reports).
     */
    public static void write(RunResult run, Path dir, String gradingSuite) throws IOException {
        Files.createDirectories(dir);
        ReportManifest.clean(dir);
        List<String> written = new ArrayList<>();
        List<String> dirs = labDirectories(run);
        for (int i = 0; i < run.labs().size(); i++) {
            LabResult lab = run.labs().get(i);
            String name = dirs.get(i);
            Path labDir = dir.resolve(name);
            Files.createDirectories(labDir);
            write(dir, written, name + "/index.html", LabPage.render(lab));
            write(dir, written, name + "/result.json", resultJson(lab) + "\n");
            write(dir, written, name + "/trace.txt", lab.trace() == null ? "" : TraceText.render(lab.trace()));
            if (lab.trace() != null) {
                Set<String> files = new HashSet<>();
                for (LinkCapture c : ResultJson.list(lab.trace().captures())) {
                    String f = FileNames.safe(c.link()) + ".pcap";
                    if (files.add(f) && c.pcap() != null) {
                        Files.write(labDir.resolve(f), c.pcap());
                        written.add(name + "/" + f);
                    }
                }
            }
            if (gradingSuite == null) {
                write(dir, written, "TEST-" + name + ".xml", SurefireXml.render(lab, run.isolation()));
            }
        }
        if (gradingSuite != null) {
            write(dir, written, "TEST-" + FileNames.safe(gradingSuite) + ".xml", SurefireXml.renderGrading(gradingSuite, run));
        }
        write(dir, written, "summary.txt", Summary.text(run));
        write(dir, written, "index.html", Summary.html(run, dirs));
        ReportManifest.write(dir, written);
    }

    /** One lab's result.json text (pretty, captures as file names). */
    public static String resultJson(LabResult lab) {
        JsonWriter w = new JsonWriter(true);
        ResultJson.write(w, lab, false);
        return w.toString();
    }

    /** The console line for a check, shared by the CLI and the Mojo: "  ✓ name  2/2  t=1.500000 s". */
    public static String checkLine(CheckResult check) {
        return Summary.checkLine(check);
    }

    /** summary.txt's text. */
    public static String summary(RunResult run) {
        return Summary.text(run);
    }

    /** Each lab's folder name: its id made file-safe; a clash (two labs, one id) gets -2, -3... */
    static List<String> labDirectories(RunResult run) {
        List<String> dirs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (LabResult lab : run.labs()) {
            String base = FileNames.safe(lab.id());
            String name = base;
            for (int n = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            dirs.add(name);
        }
        return dirs;
    }

    private static void write(Path dir, List<String> written, String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        written.add(file);
    }
}
