package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** summary.txt and the run's index.html: every lab with its outcome and score. */
final class Summary {
    private Summary() {}

    /** One check as the console prints it (CLI and Maven alike): "  ✓ name  2/2  @1.5 s", then why, indented. */
    public static String checkLine(CheckResult c) {
        return String.join("\n", dev.tcplab.lab.console.ConsoleLines.check(c));
    }

    static String text(RunResult run) {
        StringBuilder b = new StringBuilder();
        double points = 0;
        double max = 0;
        for (LabResult lab : run.labs()) {
            points += lab.points();
            max += lab.maxPoints();
            b.append(String.format(Locale.ROOT, "%-7s %s  %s/%s  %s%n", lab.outcome(), lab.id(), Html.points(lab.points()),
                Html.points(lab.maxPoints()), LabPage.title(lab)));
            if (lab.error() != null) {
                b.append("  error: ").append(lab.error().replace("\n", "\n    "))
                    .append(lab.errorLocation() == null ? "" : " (" + lab.errorLocation() + ")").append('\n');
            }
            for (String w : lab.warnings()) {
                b.append("  warning: ").append(w).append('\n');
            }
            for (CheckResult c : ResultJson.list(lab.checks())) {
                b.append(checkLine(c)).append('\n');
            }
        }
        long passed = run.labs().stream().filter(l -> l.outcome() == dev.tcplab.lab.result.Outcome.PASSED).count();
        b.append(String.format(Locale.ROOT, "%d lab(s), %d passed; score %s/%s; seed %d%n", run.labs().size(), passed,
            Html.points(points), Html.points(max), run.seed()));
        return b.toString();
    }

    static String html(RunResult run, List<String> dirs) {
        StringBuilder h = new StringBuilder();
        double points = run.labs().stream().mapToDouble(LabResult::points).sum();
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        long passed = run.labs().stream().filter(l -> l.outcome() == Outcome.PASSED).count();
        long failed = run.labs().stream().filter(l -> l.outcome() == Outcome.FAILED).count();
        long errors = run.labs().stream().filter(l -> l.outcome() == Outcome.ERROR).count();
        long skipped = run.labs().size() - passed - failed - errors;
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tcplab reports</title>\n<style>\n")
            .append(LabPage.CSS).append("</style>\n</head>\n<body>\n<h1>Lab reports</h1>\n<p class=\"meta\"><b>")
            .append(Html.points(points)).append(" / ").append(Html.points(max)).append("</b> points · ")
            .append(run.labs().size()).append(" lab(s): ").append(passed).append(" passed, ").append(failed).append(" failed, ")
            .append(errors).append(errors == 1 ? " error" : " errors").append(skipped > 0 ? ", " + skipped + " skipped" : "")
            .append(" · seed ").append(run.seed()).append(" · <a href=\"summary.txt\">summary.txt</a></p>\n");
        h.append("<p class=\"hint\">Each lab's page has its checks, the ladder diagram (failed checks marked at the moment "
            + "they failed), every segment, the kernel-function trace and a pcap per link for Wireshark.</p>\n");
        h.append("<table class=\"labs\"><thead><tr><th></th><th>lab</th><th>title · what did not pass</th><th>checks</th>"
            + "<th>points</th><th>virtual time</th></tr></thead><tbody>\n");
        for (int i = 0; i < run.labs().size(); i++) {
            LabResult lab = run.labs().get(i);
            List<CheckResult> checks = ResultJson.list(lab.checks());
            long ok = checks.stream().filter(c -> c.outcome() == Outcome.PASSED).count();
            String dir = esc(dirs.get(i));
            h.append("<tr class=\"").append(LabPage.outcomeClass(lab.outcome())).append("\"><td><span class=\"badge ")
                .append(LabPage.outcomeClass(lab.outcome())).append("\">").append(lab.outcome()).append("</span></td><td><a href=\"")
                .append(dir).append("/index.html\">").append(esc(lab.id())).append("</a></td><td>")
                .append(esc(LabPage.title(lab))).append(lab.error() == null ? "" : "<br><small>" + esc(firstLine(lab.error())) + "</small>");
            problems(h, dir, checks);
            h.append("</td><td class=\"num\">").append(ok).append(" / ").append(checks.size())
                .append("</td><td class=\"num\">").append(Html.points(lab.points())).append(" / ")
                .append(Html.points(lab.maxPoints())).append("</td><td class=\"num\">").append(esc(Html.seconds6(lab.virtualNanos())))
                .append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n</body>\n</html>\n").toString();
    }

    /**
     * The checks that did not pass, each linked to its row on the lab's page; checks that failed
     * with the same message (a lab run without the submission it needs) are listed once.
     */
    private static void problems(StringBuilder h, String dir, List<CheckResult> checks) {
        Map<String, List<Integer>> byMessage = new LinkedHashMap<>();
        for (int n = 0; n < checks.size(); n++) {
            CheckResult c = checks.get(n);
            if (c.outcome() == Outcome.FAILED || c.outcome() == Outcome.ERROR) {
                byMessage.computeIfAbsent(c.message() == null ? "" : firstLine(c.message()), k -> new ArrayList<>()).add(n);
            }
        }
        if (byMessage.isEmpty()) {
            return;
        }
        h.append("<ul class=\"problems\">");
        for (Map.Entry<String, List<Integer>> e : byMessage.entrySet()) {
            List<Integer> ns = e.getValue();
            CheckResult first = checks.get(ns.get(0));
            h.append("<li>").append(LabPage.mark(first.outcome())).append(" <a href=\"").append(dir).append("/index.html#c")
                .append(ns.get(0) + 1).append("\">").append(esc(LabPage.checkName(first))).append("</a>");
            if (ns.size() > 1) {
                h.append(" and ").append(ns.size() - 1).append(ns.size() == 2 ? " other check" : " other checks");
            }
            if (!e.getKey().isEmpty()) {
                h.append(": <span class=\"why\">").append(esc(e.getKey())).append("</span>");
            }
            h.append("</li>");
        }
        h.append("</ul>");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
