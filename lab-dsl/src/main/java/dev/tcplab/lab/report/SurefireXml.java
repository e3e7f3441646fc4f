package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TEST-&lt;labId&gt;.xml in Surefire's format, so CI servers show a lab as a test suite and a check
 * as a test case. A testcase's time is the virtual time of its verdict in seconds (what a
 * student wants to see; checks have no wall time of their own). A lab-level error (compile
 * error, exception, time limit) adds a testcase named "(lab)" carrying an &lt;error&gt;.
 */
final class SurefireXml {
    static final String LAB_CASE = "(lab)";

    private SurefireXml() {}

    static String render(LabResult lab, String isolation) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("seed", Long.toString(lab.seed()));
        props.put("title", LabPage.title(lab));
        props.put("script", lab.script());
        props.put("points", Html.points(lab.points()));
        props.put("maxPoints", Html.points(lab.maxPoints()));
        props.put("score", score(lab.points(), lab.maxPoints()));
        props.put("virtualNanos", Long.toString(lab.virtualNanos()));
        if (isolation != null) {
            props.put("isolation", isolation);
        }
        return render(lab.id(), List.of(lab), lab.wallMillis(), props);
    }

    /** One suite for a whole grading run: a testcase per check of every lab, classname = the lab. */
    static String renderGrading(String name, RunResult run) {
        double points = run.labs().stream().mapToDouble(LabResult::points).sum();
        double max = run.labs().stream().mapToDouble(LabResult::maxPoints).sum();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("seed", Long.toString(run.seed()));
        props.put("points", Html.points(points));
        props.put("maxPoints", Html.points(max));
        props.put("score", score(points, max));
        props.put("isolation", run.isolation() == null ? "no submission code ran" : run.isolation());
        return render(name, run.labs(), run.wallMillis(), props);
    }

    private static String score(double points, double max) {
        return max == 0 ? "0" : String.format(Locale.ROOT, "%.4f", points / max);
    }

    private static String render(String suite, List<LabResult> labs, long wallMillis, Map<String, String> props) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (LabResult lab : labs) {
            tests += ResultJson.list(lab.checks()).size() + (lab.error() != null ? 1 : 0);
            failures += count(lab, Outcome.FAILED);
            errors += count(lab, Outcome.ERROR) + (lab.error() != null ? 1 : 0);
            skipped += count(lab, Outcome.SKIPPED);
        }
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(tests).append("\" failures=\"")
            .append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
            .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", wallMillis / 1000.0)).append("\">\n");
        x.append("  <properties>\n");
        props.forEach((k, v) -> property(x, k, v));
        x.append("  </properties>\n");
        for (LabResult lab : labs) {
            cases(x, lab);
        }
        return x.append("</testsuite>\n").toString();
    }

    private static void cases(StringBuilder x, LabResult lab) {
        if (lab.error() != null) {
            x.append("  <testcase classname=\"").append(esc(lab.id())).append("\" name=\"").append(LAB_CASE)
                .append("\" time=\"0\">\n    <error message=\"").append(esc(firstLine(lab.error()))).append("\" type=\"lab\">")
                .append(esc(lab.error() + (lab.errorLocation() == null ? "" : "\nat " + lab.errorLocation())))
                .append("</error>\n  </testcase>\n");
        }
        for (CheckResult c : ResultJson.list(lab.checks())) {
            x.append("  <testcase classname=\"").append(esc(lab.id())).append("\" name=\"").append(esc(c.name()))
                .append("\" time=\"").append(String.format(Locale.ROOT, "%.6f", Math.max(0, c.virtualTimeNanos()) / 1e9))
                .append("\"");
            String body = (c.message() == null ? "" : c.message())
                + (c.location() == null ? "" : "\nat " + c.location());
            switch (c.outcome()) {
                case PASSED -> x.append("/>\n");
                case FAILED -> x.append(">\n    <failure message=\"").append(esc(firstLine(c.message())))
                    .append("\" type=\"expectation\">").append(esc(body)).append("</failure>\n  </testcase>\n");
                case ERROR -> x.append(">\n    <error message=\"").append(esc(firstLine(c.message())))
                    .append("\" type=\"error\">").append(esc(body)).append("</error>\n  </testcase>\n");
                case SKIPPED -> x.append(">\n    <skipped").append(c.message() == null ? "" : " message=\"" + esc(c.message()) + "\"")
                    .append("/>\n  </testcase>\n");
            }
        }
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("    <property name=\"").append(name).append("\" value=\"").append(esc(value)).append("\"/>\n");
    }

    private static int count(LabResult lab, Outcome o) {
        return (int) ResultJson.list(lab.checks()).stream().filter(c -> c.outcome() == o).count();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
