package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import java.util.List;
import java.util.Locale;

/** summary.txt and the run's index.html: every lab with its outcome and score. */
final class Summary {
    private Summary() {}

    /** The console-style line for one check: "  ✓ name  2/2  t=1.500000 s". */
    public static String checkLine(CheckResult c) {
        return "  " + LabPage.mark(c.outcome()) + " " + c.name() + "  " + Html.points(c.points()) + "/"
            + Html.points(c.maxPoints()) + (c.virtualTimeNanos() >= 0 ? "  t=" + Html.seconds6(c.virtualTimeNanos()) : "")
            + (c.message() == null ? "" : "\n      " + c.message().replace("\n", "\n      "));
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
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tcplab reports</title>\n<style>\n")
            .append(LabPage.CSS).append("</style>\n</head>\n<body>\n<h1>Lab reports</h1>\n<p class=\"meta\"><b>")
            .append(Html.points(points)).append(" / ").append(Html.points(max)).append("</b> points · ")
            .append(run.labs().size()).append(" lab(s) · seed ").append(run.seed())
            .append(" · <a href=\"summary.txt\">summary.txt</a></p>\n");
        h.append("<table class=\"labs\"><thead><tr><th></th><th>lab</th><th>title</th><th>checks</th><th>points</th>"
            + "</tr></thead><tbody>\n");
        for (int i = 0; i < run.labs().size(); i++) {
            LabResult lab = run.labs().get(i);
            long ok = ResultJson.list(lab.checks()).stream().filter(c -> c.outcome() == dev.tcplab.lab.result.Outcome.PASSED).count();
            h.append("<tr class=\"").append(LabPage.outcomeClass(lab.outcome())).append("\"><td><span class=\"badge ")
                .append(LabPage.outcomeClass(lab.outcome())).append("\">").append(lab.outcome()).append("</span></td><td><a href=\"")
                .append(esc(dirs.get(i))).append("/index.html\">").append(esc(lab.id())).append("</a></td><td>")
                .append(esc(LabPage.title(lab))).append(lab.error() == null ? "" : "<br><small>" + esc(firstLine(lab.error())) + "</small>")
                .append("</td><td class=\"num\">").append(ok).append(" / ").append(ResultJson.list(lab.checks()).size())
                .append("</td><td class=\"num\">").append(Html.points(lab.points())).append(" / ")
                .append(Html.points(lab.maxPoints())).append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n</body>\n</html>\n").toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
