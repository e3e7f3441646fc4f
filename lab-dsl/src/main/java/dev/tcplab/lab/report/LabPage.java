package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace.LinkCapture;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;

/**
 * A lab's index.html: one self-contained page (inline CSS, JS and SVG; it opens from a file
 * system, an archive or a CI artifact without any other asset). Header, error, checks, the
 * ladder, then the segment table. Clicking a check's time jumps to that moment in the ladder.
 */
final class LabPage {
    private LabPage() {}

    static String render(LabResult lab) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .append(esc(title(lab))).append(" — tcplab</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<p class=\"nav\"><a href=\"../index.html\">← all labs</a></p>\n");
        h.append("<header><h1>").append(esc(title(lab))).append("</h1>\n<p class=\"meta\"><span class=\"badge ")
            .append(outcomeClass(lab.outcome())).append("\">").append(lab.outcome()).append("</span> ")
            .append("<b>").append(Html.points(lab.points())).append(" / ").append(Html.points(lab.maxPoints()))
            .append("</b> points · lab <code>").append(esc(lab.id())).append("</code> · seed ").append(lab.seed())
            .append(" · virtual time ").append(esc(Html.seconds6(lab.virtualNanos()))).append(" · ")
            .append(lab.wallMillis()).append(" ms wall").append(lab.script() == null ? "" : " · <code>" + esc(lab.script()) + "</code>")
            .append("</p>\n");
        h.append("<p class=\"files\">Files: <a href=\"trace.txt\">trace.txt</a> · <a href=\"result.json\">result.json</a>");
        if (lab.trace() != null) {
            for (LinkCapture c : ResultJson.list(lab.trace().captures())) {
                String f = FileNames.safe(c.link()) + ".pcap";
                h.append(" · <a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a>");
            }
        }
        h.append("</p></header>\n");
        if (lab.error() != null) {
            h.append("<section class=\"error\" id=\"error\"><h2>Lab error</h2><pre>").append(esc(lab.error())).append("</pre>");
            if (lab.errorLocation() != null) {
                h.append("<p>at <code>").append(esc(lab.errorLocation().toString())).append("</code></p>");
            }
            h.append("</section>\n");
        }
        if (!lab.warnings().isEmpty()) {
            h.append("<section class=\"warning\" id=\"warnings\"><h2>Warnings</h2><ul>\n");
            for (String w : lab.warnings()) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul></section>\n");
        }
        checks(h, lab);
        if (!TimelineSvg.empty(lab.trace())) {
            h.append("<section><h2>Timeline</h2>\n<p class=\"hint\">Virtual time to scale: each listener's request socks "
                + "and accept queue, then each socket's state. Hover for exact times.</p>\n<div class=\"timeline-wrap\">\n")
                .append(TimelineSvg.render(lab.trace(), lab.virtualNanos())).append("</div>\n</section>\n");
        }
        h.append("<section><h2>Ladder</h2>\n");
        if (lab.trace() == null || (ResultJson.list(lab.trace().packets()).isEmpty()
            && ResultJson.list(lab.trace().states()).isEmpty())) {
            h.append("<p class=\"empty\">Nothing went over the wire.</p>\n");
        } else {
            h.append("<p class=\"hint\">One row per event, not to scale, in the order things happened; ⋯ marks a quiet gap; "
                + "▸ rows fold a repeated run (click to open). ✗ marks where a segment died: on the wire, or at the "
                + "host whose firewall dropped it. Hover an arrow for its addresses, raw numbers and options; click it "
                + "to find it in the table.</p>\n");
            h.append("<div class=\"ladder-wrap\">\n").append(LadderSvg.render(lab.trace(), ResultJson.list(lab.checks()))).append("</div>\n");
        }
        h.append("</section>\n");
        if (lab.trace() != null && !ResultJson.list(lab.trace().packets()).isEmpty()) {
            packets(h, lab);
        }
        h.append("<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    static String title(LabResult lab) {
        return lab.title() == null || lab.title().isBlank() ? lab.id() : lab.title();
    }

    private static void checks(StringBuilder h, LabResult lab) {
        h.append("<section><h2>Checks</h2>\n");
        if (ResultJson.list(lab.checks()).isEmpty()) {
            h.append("<p class=\"empty\">No checks ran.</p></section>\n");
            return;
        }
        h.append("<table class=\"checks\"><thead><tr><th></th><th>check</th><th>points</th><th>virtual time</th>"
            + "<th>where</th></tr></thead><tbody>\n");
        int n = 0;
        for (CheckResult c : lab.checks()) {
            h.append("<tr id=\"c").append(++n).append("\" class=\"check ").append(outcomeClass(c.outcome())).append("\"><td class=\"mark\" title=\"")
                .append(c.outcome()).append("\">").append(mark(c.outcome())).append("</td><td>");
            if (c.step() != null && !c.step().isEmpty()) {
                h.append("<span class=\"step\">").append(esc(c.step())).append(" › </span>");
            }
            h.append("<b>").append(esc(c.name())).append("</b>");
            if (c.hidden()) {
                h.append(" <span class=\"badge hidden\">hidden</span>");
            }
            if (c.message() != null) {
                // the "where" column shows the location: drop its repetition at the end of the message
                String suffix = c.location() == null ? null : " (" + c.location().file() + ":" + c.location().line() + ")";
                String msg = suffix != null && c.message().endsWith(suffix)
                    ? c.message().substring(0, c.message().length() - suffix.length()) : c.message();
                h.append("<pre class=\"msg\">").append(esc(msg)).append("</pre>");
            }
            h.append("</td><td class=\"num\">").append(Html.points(c.points())).append(" / ")
                .append(Html.points(c.maxPoints())).append("</td><td class=\"num\">");
            if (c.virtualTimeNanos() >= 0) {
                h.append("<a href=\"#ladder\" class=\"jump\" data-t=\"").append(c.virtualTimeNanos()).append("\">")
                    .append(esc(Html.seconds6(c.virtualTimeNanos()))).append("</a>");
            }
            // the file's own name: the full path is in the page header and on hover
            h.append("</td><td>").append(c.location() == null ? "" : "<code title=\"" + esc(c.location().toString()) + "\">"
                    + esc(FileNames.base(c.location().file()) + ":" + c.location().line()) + "</code>")
                .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void packets(StringBuilder h, LabResult lab) {
        h.append("<section><h2>Segments</h2>\n<table class=\"packets\"><thead><tr><th>#</th><th>time</th><th>link</th>"
            + "<th>from → to</th><th>flags</th><th>seq</th><th>ack</th><th>win</th><th>len</th><th>options</th>"
            + "<th>fate</th></tr></thead><tbody>\n");
        int n = 0;
        for (WirePacket p : lab.trace().packets()) {
            n++;
            h.append("<tr id=\"row-p").append(n).append("\" class=\"").append(!p.delivered() ? "dropped" : p.fault() != null ? "faulty" : "")
                .append("\"><td class=\"num\"><a href=\"#p").append(n).append("\">").append(n).append("</a></td><td class=\"num\">")
                .append(esc(Html.seconds9(p.timeNanos()))).append("</td><td>").append(esc(p.link())).append("</td><td>")
                .append(esc(p.fromHost())).append(" → ").append(esc(p.toHost())).append("<br><small>")
                .append(esc(p.src() + ":" + p.srcPort() + " → " + p.dst() + ":" + p.dstPort())).append("</small></td><td>")
                .append(esc(p.flags())).append("</td><td class=\"num\">").append(p.relSeq()).append("</td><td class=\"num\">")
                .append(p.relAck() < 0 ? "" : Long.toString(p.relAck())).append("</td><td class=\"num\">").append(p.window())
                .append("</td><td class=\"num\">").append(p.length()).append("</td><td class=\"opts\">").append(esc(p.options()))
                .append("</td><td>").append(fate(p))
                .append(p.fault() == null ? "" : "<br>⚡ " + esc(p.fault())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** The segment table's fate column: delivered, lost on the wire, or dropped by a host's firewall and which rule. */
    static String fate(WirePacket p) {
        if (p.firewallDropped()) {
            return "<b>dropped</b> by " + esc(p.droppedBy()) + "&#39;s firewall<br><small>" + esc(p.dropRule()) + "</small>";
        }
        return p.delivered() ? "delivered" : "<b>dropped</b>";
    }

    /** "step › name", as the console and the reports show a check. */
    static String checkName(CheckResult c) {
        return (c.step() == null || c.step().isEmpty() ? "" : c.step() + " › ") + c.name();
    }

    static String mark(Outcome o) {
        return switch (o) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case ERROR -> "⚠";
            case SKIPPED -> "–";
        };
    }

    static String outcomeClass(Outcome o) {
        return o == null ? "error" : o.name().toLowerCase(java.util.Locale.ROOT);
    }

    static final String CSS = """
        :root { --fg:#1d2330; --muted:#6b7385; --line:#d5d9e2; --pass:#1a7f37; --fail:#c62828; --err:#b26a00;
                --blue:#1f5fbf; --bg:#fbfcfe; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        body { margin: 0 auto; padding: 12px 28px 60px; max-width: 1500px; color: var(--fg); background: var(--bg); }
        h1 { margin: 4px 0 6px; font-size: 1.6em; } h2 { font-size: 1.15em; margin: 26px 0 8px; }
        a { color: var(--blue); } code, pre, .opts { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .92em; }
        .nav { margin: 0; font-size: .9em; } .meta, .files, .hint { color: var(--muted); margin: 4px 0; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .8em; font-weight: 600;
                 color: #fff; background: var(--muted); vertical-align: 1px; }
        .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); }
        .badge.error { background: var(--err); } .badge.hidden { background: #8a8fa3; }
        section.error { border-left: 4px solid var(--err); background: #fff7e6; padding: 4px 14px; }
        section.error pre { white-space: pre-wrap; }
        section.warning { border-left: 4px solid var(--err); padding: 4px 14px; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { font-size: .85em; color: var(--muted); font-weight: 600; background: #f3f5f9; position: sticky; top: 0; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.mark { font-size: 1.2em; font-weight: 700; width: 1.4em; text-align: center; }
        tr.passed td.mark { color: var(--pass); } tr.failed td.mark { color: var(--fail); } tr.error td.mark { color: var(--err); }
        tr.failed { background: #fff5f5; } tr.error { background: #fff9ec; }
        pre.msg { margin: 4px 0 0; white-space: pre-wrap; color: #7a1f1f; }
        .step { color: var(--muted); }
        .packets td { font-size: .88em; white-space: nowrap; } .packets td.opts { white-space: normal; } .packets tr.dropped { background: #fff0f0; } .packets tr.faulty { background: #fff8e8; }
        .packets tr.hl, .packets tr:target { background: #fff3b0; }
        .ladder-wrap, .timeline-wrap { background: #fff; border: 1px solid var(--line); border-radius: 8px; max-width: 100%; }
        .ladder-wrap { overflow: visible; } .timeline-wrap { overflow-x: auto; }
        div.ladder { font-size: 12px; } div.ladder svg { display: block; }
        .ladder-head { position: sticky; top: 0; z-index: 2; background: rgba(255,255,255,.96);
                       border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
        details.fold > summary { list-style: none; cursor: pointer; display: block; }
        details.fold > summary::-webkit-details-marker { display: none; }
        .foldbar { fill: #f1f4fa; stroke: #b9c3d6; stroke-dasharray: 3 2; }
        summary:hover .foldbar { fill: #e6ecf8; } details[open] > summary .foldbar { fill: #fff8d6; }
        .foldtext { font-size: 11.5px; fill: var(--fg); font-family: ui-monospace, monospace; }
        details[open] > summary .tri { visibility: hidden; }
        .pkt .ghost { stroke: var(--fail); stroke-width: 1; stroke-dasharray: 1 5; opacity: .6; }
        .pkt.fw .flabel { font-weight: 700; }
        svg.timeline { display: block; font-size: 11px; }
        .tl-legend text, .tl-axis text, .tl-sub, .tl-y, .tl-more { fill: var(--muted); font-size: 11px; }
        .tl-axis line { stroke: #eceff5; } .tl-axis text { text-anchor: middle; }
        .tl-y { text-anchor: end; } .tl-name, .tl-head { font-weight: 700; fill: var(--fg); font-size: 12px; }
        .tl-plot { fill: none; stroke: var(--line); }
        .q-req { stroke: var(--blue); stroke-width: 2; fill: none; } .q-acc { stroke: var(--pass); stroke-width: 2; fill: none; }
        .q-limit { stroke: var(--fail); stroke-width: 1; stroke-dasharray: 4 3; fill: none; }
        .tl-lane { font-family: ui-monospace, monospace; font-size: 10.5px; fill: var(--fg); }
        .tl-span rect { stroke-width: 1; }
        .tl-st { font-family: ui-monospace, monospace; font-size: 9.5px; pointer-events: none; }
        .lifeline { stroke: #9aa3b5; stroke-width: 1.5; stroke-dasharray: 5 4; }
        .hostbox { fill: #eef3fc; stroke: var(--blue); stroke-width: 1.2; }
        .hostname { text-anchor: middle; font-weight: 700; font-size: 14px; fill: var(--fg); }
        .hostaddr { text-anchor: middle; font-size: 11px; fill: var(--muted); font-family: ui-monospace, monospace; }
        .axis { font-size: 11px; fill: var(--muted); }
        .time { font-size: 11px; fill: var(--muted); font-family: ui-monospace, monospace; font-variant-numeric: tabular-nums; }
        .pkt .arrow { stroke: var(--blue); stroke-width: 1.8; }
        .pkt .plabel { text-anchor: middle; font-family: ui-monospace, monospace; font-size: 11.5px; fill: var(--fg);
                       paint-order: stroke; stroke: #fff; stroke-width: 4px; }
        .pkt.dropped .arrow { stroke: var(--fail); stroke-dasharray: 6 3; } .pkt.dropped .plabel { fill: var(--fail); }
        .pkt.faulty .arrow { stroke: var(--err); }
        .cross { stroke: var(--fail); stroke-width: 3; stroke-linecap: round; }
        .flabel { text-anchor: middle; font-size: 11px; fill: var(--fail); font-weight: 600; }
        .pkt.faulty .flabel { fill: var(--err); }
        .pkt { cursor: pointer; } .pkt:hover .arrow, .pkt.hl .arrow { stroke-width: 3.2; }
        .pkt:hover .plabel, .pkt.hl .plabel { font-weight: 700; }
        .state rect { stroke-width: 1.2; } .state text { text-anchor: middle; font-size: 11px; font-weight: 600;
                       font-family: ui-monospace, monospace; } .state circle { fill: var(--fg); }
        .st-est rect { fill: #e3f5e8; stroke: var(--pass); } .st-est text { fill: #135f29; }
        .st-open rect { fill: #e8f0fd; stroke: var(--blue); } .st-open text { fill: #16448a; }
        .st-close rect { fill: #fff1dc; stroke: var(--err); } .st-close text { fill: #7a4a00; }
        .st-closed rect { fill: #eceef2; stroke: #8a8fa3; } .st-closed text { fill: #4a5060; }
        .fault line { stroke: var(--err); stroke-width: 1.2; stroke-dasharray: 2 3; }
        .fault text { fill: var(--err); font-size: 11px; font-weight: 600; }
        .failmark line { stroke: var(--fail); stroke-width: 2; }
        .failmark text { fill: var(--fail); font-size: 12px; font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
        .state .sid { font-weight: 400; opacity: .75; }
        .gap rect { fill: #f3f5f9; } .gap text { fill: var(--muted); font-size: 11px; font-style: italic; }
        .hlrow rect.hlbar { fill: #fff3b0; }
        .empty { color: var(--muted); font-style: italic; }
        table.labs td:first-child { width: 6em; } table.labs td:nth-child(2) { white-space: nowrap; }
        ul.problems { margin: 4px 0 2px; padding-left: 1.2em; font-size: .88em; } ul.problems li { margin: 2px 0; }
        ul.problems .why { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; color: #7a1f1f; }
        table.checks td code { white-space: nowrap; }
        tr.check:target { outline: 2px solid var(--blue); }
        """;

    /** Jumps from a check's time to the last event at or before it, and from an arrow to its table row. */
    static final String JS = """
        (function () {
          // rendered-DOM facts for tests and tools: how many arrows the browser laid out, how wide
          var ladder = document.getElementById('ladder');
          if (ladder) {
            document.documentElement.setAttribute('data-ladder-arrows', ladder.querySelectorAll('.pkt .arrow').length);
            document.documentElement.setAttribute('data-ladder-width', Math.round(ladder.getBoundingClientRect().width));
          }
          var events = Array.prototype.slice.call(document.querySelectorAll('#ladder [data-t]'));
          function clear() { document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); }); }
          document.querySelectorAll('a.jump').forEach(function (a) {
            a.addEventListener('click', function (ev) {
              var t = Number(a.getAttribute('data-t')), best = null;
              events.forEach(function (e) { if (Number(e.getAttribute('data-t')) <= t) best = e; });
              if (!best && events.length) best = events[0];
              if (!best) return;
              ev.preventDefault(); clear();
              for (var d = best.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
              best.classList.add('hl');
              best.scrollIntoView({ block: 'center', behavior: 'smooth' });
            });
          });
          // a segment's row in the table links to its arrow, which may sit in a folded run
          window.addEventListener('hashchange', function () {
            var g = document.getElementById(location.hash.slice(1));
            var d = g && g.closest && g.closest('details');
            if (d) { d.open = true; g.scrollIntoView({ block: 'center' }); }
          });
          document.querySelectorAll('#ladder .pkt').forEach(function (g) {
            g.addEventListener('click', function () {
              var row = document.getElementById('row-' + g.id);
              if (!row) return;
              clear(); row.classList.add('hl'); g.classList.add('hl');
              row.scrollIntoView({ block: 'center', behavior: 'smooth' });
            });
          });
        })();
        """;
}
