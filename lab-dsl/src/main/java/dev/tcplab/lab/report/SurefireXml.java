package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.util.Locale;

/**
 * TEST-&lt;labId&gt;.xml in Surefire's format, so CI servers show a lab as a test suite and a check
 * as a test case. A testcase's time is the virtual time of its verdict in seconds (what a
 * student wants to see; checks have no wall time of their own). A lab-level error (compile
 * error, exception, time limit) adds a testcase named "(lab)" carrying an &lt;error&gt;.
 */
final class SurefireXml {
    static final String LAB_CASE = "(lab)";

    private SurefireXml() {}

    static String render(LabResult lab) {
        int tests = ResultJson.list(lab.checks()).size();
        int failures = count(lab, Outcome.FAILED);
        int errors = count(lab, Outcome.ERROR);
        int skipped = count(lab, Outcome.SKIPPED);
        if (lab.error() != null) {
            tests++;
            errors++;
        }
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(esc(lab.id())).append("\" tests=\"").append(tests).append("\" failures=\"")
            .append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
            .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", lab.wallMillis() / 1000.0)).append("\">\n");
        x.append("  <properties>\n");
        property(x, "seed", Long.toString(lab.seed()));
        property(x, "title", LabPage.title(lab));
        property(x, "script", lab.script());
        property(x, "points", Html.points(lab.points()));
        property(x, "maxPoints", Html.points(lab.maxPoints()));
        property(x, "score", lab.maxPoints() == 0 ? "0" : String.format(Locale.ROOT, "%.4f", lab.points() / lab.maxPoints()));
        property(x, "virtualNanos", Long.toString(lab.virtualNanos()));
        x.append("  </properties>\n");
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
        return x.append("</testsuite>\n").toString();
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
