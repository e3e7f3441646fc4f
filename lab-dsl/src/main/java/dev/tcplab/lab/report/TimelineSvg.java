package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;
import static dev.tcplab.lab.report.LadderLayout.fit;

import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.QueueSample;
import dev.tcplab.lab.result.LabTrace.StateChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lab's timeline on a linear virtual-time axis (inline SVG): per listener, how many request
 * socks (qlen) and accepted-but-not-yet-accept()ed children (sk_ack_backlog) it held, against
 * backlog + 1 (inet_csk_reqsk_queue_is_full and sk_acceptq_is_full both compare with "&gt;");
 * then one lane per socket, coloured by its TCP state from one change to the next.
 */
final class TimelineSvg {
    static final int WIDTH = LadderLayout.MAX_WIDTH;
    static final int LABEL_W = 170;
    static final int PANEL_H = 74;
    static final int LANE_H = 15;
    static final int MAX_LANES = 60;

    private TimelineSvg() {}

    private record Span(long from, long to, String state) {}

    /** Nothing to chart: no listener sampled and no socket changed state. */
    static boolean empty(LabTrace t) {
        return t == null || ResultJson.list(t.queues()).isEmpty() && ResultJson.list(t.states()).isEmpty();
    }

    static String render(LabTrace t, long endNanos) {
        Map<String, List<QueueSample>> listeners = new LinkedHashMap<>();
        List<String> hostOrder = LadderSvg.hosts(t);
        List<QueueSample> byHost = new ArrayList<>(ResultJson.list(t.queues()));
        byHost.sort(java.util.Comparator.comparingInt((QueueSample q) -> hostOrder.indexOf(q.host()))); // stable: time order kept
        for (QueueSample q : byHost) {
            listeners.computeIfAbsent(q.host() + " " + q.listener(), k -> new ArrayList<>()).add(q);
        }
        Map<String, List<StateChange>> sockets = new LinkedHashMap<>();
        for (StateChange s : ResultJson.list(t.states())) {
            String id = LadderRows.socketId(s.socket());
            sockets.computeIfAbsent(s.host() + " " + (id.isEmpty() ? s.socket() : id), k -> new ArrayList<>()).add(s);
        }
        long end = Math.max(1, endNanos);
        for (QueueSample q : ResultJson.list(t.queues())) {
            end = Math.max(end, q.timeNanos());
        }
        for (StateChange s : ResultJson.list(t.states())) {
            end = Math.max(end, s.timeNanos());
        }
        int lanes = Math.min(MAX_LANES, sockets.size());
        int y0 = 34;
        int height = y0 + listeners.size() * PANEL_H + (sockets.isEmpty() ? 0 : 22 + lanes * LANE_H)
            + (sockets.size() > MAX_LANES ? 18 : 0) + 24;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" id=\"timeline\" width=\"").append(WIDTH)
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
            .append("\" data-listeners=\"").append(listeners.size()).append("\" data-sockets=\"").append(sockets.size())
            .append("\" role=\"img\" aria-label=\"queues and socket states over virtual time\">\n");
        legend(b);
        axis(b, end, y0 - 8, height - 20);
        int y = y0;
        for (Map.Entry<String, List<QueueSample>> e : listeners.entrySet()) {
            panel(b, e.getKey(), e.getValue(), end, y);
            y += PANEL_H;
        }
        if (!sockets.isEmpty()) {
            b.append("<text class=\"tl-head\" x=\"8\" y=\"").append(y + 15).append("\">socket states</text>\n");
            y += 22;
            int n = 0;
            for (Map.Entry<String, List<StateChange>> e : sockets.entrySet()) {
                if (n++ == MAX_LANES) {
                    b.append("<text class=\"tl-more\" x=\"8\" y=\"").append(y + 12).append("\">and ")
                        .append(sockets.size() - MAX_LANES).append(" more sockets: see the ladder and trace.txt</text>\n");
                    break;
                }
                lane(b, e.getKey(), e.getValue(), end, y);
                y += LANE_H;
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static double x(long t, long end) {
        return LABEL_W + (WIDTH - LABEL_W - 16) * (double) t / end;
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static void legend(StringBuilder b) {
        b.append("<g class=\"tl-legend\"><line class=\"q-req\" x1=\"").append(LABEL_W).append("\" y1=\"12\" x2=\"")
            .append(LABEL_W + 24).append("\" y2=\"12\"/><text x=\"").append(LABEL_W + 30)
            .append("\" y=\"16\">request socks (NEW_SYN_RECV, qlen)</text><line class=\"q-acc\" x1=\"").append(LABEL_W + 290)
            .append("\" y1=\"12\" x2=\"").append(LABEL_W + 314).append("\" y2=\"12\"/><text x=\"").append(LABEL_W + 320)
            .append("\" y=\"16\">accept queue (waiting for accept())</text><line class=\"q-limit\" x1=\"").append(LABEL_W + 580)
            .append("\" y1=\"12\" x2=\"").append(LABEL_W + 604).append("\" y2=\"12\"/><text x=\"").append(LABEL_W + 610)
            .append("\" y=\"16\">backlog + 1 (full beyond)</text></g>\n");
    }

    /** Vertical grid lines at a round step, 5 to 12 of them. */
    private static void axis(StringBuilder b, long end, int top, int bottom) {
        long step = 1;
        search:
        for (long decade = 1; decade < Long.MAX_VALUE / 10; decade *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                step = m * decade;
                if (end / step <= 12) {
                    break search;
                }
            }
        }
        b.append("<g class=\"tl-axis\">");
        for (long t = 0; t <= end; t += step) {
            String xs = num(x(t, end));
            b.append("<line x1=\"").append(xs).append("\" y1=\"").append(top).append("\" x2=\"").append(xs).append("\" y2=\"")
                .append(bottom).append("\"/><text x=\"").append(xs).append("\" y=\"").append(bottom + 14).append("\">")
                .append(t == 0 ? "0" : esc(Html.span(t).replace(".000 ", " "))).append("</text>");
        }
        b.append("</g>\n");
    }

    private static void panel(StringBuilder b, String name, List<QueueSample> samples, long end, int y) {
        int top = y + 8;
        int bottom = y + PANEL_H - 12;
        int peak = 0;
        int backlog = -1;
        for (QueueSample q : samples) {
            peak = Math.max(peak, Math.max(q.requests(), q.acceptQueue()));
            backlog = Math.max(backlog, q.backlog());
        }
        int max = Math.max(1, peak);
        int limit = backlog + 1;
        // the limit line only where it does not squash the lines into the floor (backlog 128, 1 request)
        boolean showLimit = backlog >= 0 && limit <= 2 * max + 2;
        int ymax = showLimit ? Math.max(max, limit) : max;
        b.append("<g class=\"tl-listener\" data-listener=\"").append(esc(name)).append("\"><title>")
            .append(esc(name + ": backlog " + backlog + ", at most " + peak + " in a queue")).append("</title>");
        b.append("<text class=\"tl-name\" x=\"8\" y=\"").append(top + 12).append("\">").append(esc(fit(name, LABEL_W - 14, 7)))
            .append("</text><text class=\"tl-sub\" x=\"8\" y=\"").append(top + 27).append("\">")
            .append(esc("backlog " + backlog + " · peak " + peak)).append("</text>");
        b.append("<rect class=\"tl-plot\" x=\"").append(LABEL_W).append("\" y=\"").append(top).append("\" width=\"")
            .append(WIDTH - LABEL_W - 16).append("\" height=\"").append(bottom - top).append("\"/>");
        b.append("<text class=\"tl-y\" x=\"").append(LABEL_W - 4).append("\" y=\"").append(top + 9).append("\">").append(ymax)
            .append("</text><text class=\"tl-y\" x=\"").append(LABEL_W - 4).append("\" y=\"").append(bottom).append("\">0</text>");
        if (showLimit) {
            String ly = num(yOf(limit, ymax, top, bottom));
            b.append("<line class=\"q-limit\" x1=\"").append(LABEL_W).append("\" y1=\"").append(ly).append("\" x2=\"")
                .append(WIDTH - 16).append("\" y2=\"").append(ly).append("\"/>");
        }
        b.append("<path class=\"q-req\" d=\"").append(steps(samples, true, ymax, top, bottom, end)).append("\"/>");
        b.append("<path class=\"q-acc\" d=\"").append(steps(samples, false, ymax, top, bottom, end)).append("\"/>");
        b.append("</g>\n");
    }

    private static double yOf(int v, int ymax, int top, int bottom) {
        return bottom - (bottom - top) * (double) v / ymax;
    }

    /** A step line through the samples, to the end of the run (or to where the listener closed). */
    private static String steps(List<QueueSample> samples, boolean requests, int ymax, int top, int bottom, long end) {
        StringBuilder d = new StringBuilder();
        long last = 0;
        for (QueueSample q : samples) {
            int v = requests ? q.requests() : q.acceptQueue();
            String yv = num(yOf(v, ymax, top, bottom));
            if (d.isEmpty()) {
                d.append('M').append(num(x(q.timeNanos(), end))).append(',').append(yv);
            } else {
                d.append(" H").append(num(x(q.timeNanos(), end))).append(" V").append(yv);
            }
            last = q.timeNanos();
            if (q.backlog() < 0) {
                return d.toString(); // closed
            }
        }
        return d.append(" H").append(num(x(Math.max(last, end), end))).toString();
    }

    private static void lane(StringBuilder b, String name, List<StateChange> changes, long end, int y) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            StateChange c = changes.get(i);
            long to = i + 1 < changes.size() ? changes.get(i + 1).timeNanos() : end;
            if (!"TCP_CLOSE".equals(c.to())) {
                spans.add(new Span(c.timeNanos(), to, c.to()));
            }
        }
        b.append("<g class=\"tl-socket\"><text class=\"tl-lane\" x=\"8\" y=\"").append(y + 11).append("\">")
            .append(esc(fit(name, LABEL_W - 14, 6.4))).append("</text>");
        for (Span s : spans) {
            double x1 = x(s.from(), end);
            double w = Math.max(1.5, x(s.to(), end) - x1);
            String st = LadderRows.shortState(s.state());
            b.append("<g class=\"tl-span ").append(LadderSvg.stateClass(s.state())).append("\"><title>")
                .append(esc(name + ": " + s.state() + " from " + Html.seconds6(s.from()) + " to " + Html.seconds6(s.to())))
                .append("</title><rect x=\"").append(num(x1)).append("\" y=\"").append(y + 1).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(LANE_H - 3).append("\"/>");
            String text = fit(st, w - 4, 6.2);
            if (!text.isEmpty() && !text.equals("…")) {
                b.append("<text class=\"tl-st\" x=\"").append(num(x1 + 3)).append("\" y=\"").append(y + 11).append("\">")
                    .append(esc(text)).append("</text>");
            }
            b.append("</g>");
        }
        b.append("</g>\n");
    }
}
