package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;
import static dev.tcplab.lab.report.LadderLayout.LABEL_CHAR;
import static dev.tcplab.lab.report.LadderLayout.SMALL_CHAR;
import static dev.tcplab.lab.report.LadderLayout.TIME_W;
import static dev.tcplab.lab.report.LadderLayout.fit;
import static dev.tcplab.lab.report.LadderLayout.fitFirst;

import dev.tcplab.lab.report.LadderFolds.Item;
import dev.tcplab.lab.report.LadderRows.Row;
import dev.tcplab.lab.report.LadderRows.StateBox;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The ladder (sequence) diagram of one lab: HTML with inline SVG. Time is compressed: one row
 * per event (a segment, a group of state changes, a fault), not a linear time axis, so 10 or 500
 * segments both read well; long quiet gaps get a break mark saying how long they were, and long
 * runs of similar rows fold into one expandable {@code <details>} row ({@link LadderFolds}). The
 * host header stays at the top of the window while the ladder scrolls (CSS sticky); columns
 * narrow with the number of hosts ({@link LadderLayout}). A segment dropped by a host's own
 * firewall ends in a cross where it died: just before the receiver's lifeline (INPUT) or just
 * after leaving its sender (OUTPUT), labelled with the host and rule.
 */
final class LadderSvg {
    static final int HEAD_H = 56;
    static final int PACKET_H = 38;
    static final int STATE_H = 26;
    static final int GAP_H = 22;
    static final int FOLD_H = 28;
    /** A quiet period longer than this gets a break mark (retransmission timers are >= 200 ms). */
    static final long GAP_NANOS = 100_000_000L;

    private LadderSvg() {}

    static List<String> hosts(LabTrace t) {
        List<String> hosts = new ArrayList<>();
        ResultJson.list(t.hosts()).forEach(h -> add(hosts, h.name()));
        for (WirePacket p : ResultJson.list(t.packets())) {
            add(hosts, p.fromHost());
            add(hosts, p.toHost());
        }
        ResultJson.list(t.states()).forEach(s -> add(hosts, s.host()));
        return hosts;
    }

    private static void add(List<String> hosts, String h) {
        String name = h == null ? "?" : h;
        if (!hosts.contains(name)) {
            hosts.add(name);
        }
    }

    static String render(LabTrace t) {
        return render(t, List.of());
    }

    /** The ladder with a red mark at the moment each failed check failed. */
    static String render(LabTrace t, List<CheckResult> checks) {
        LadderLayout l = LadderLayout.of(hosts(t));
        List<Item> items = LadderFolds.fold(LadderRows.rows(t, checks));
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"ladder\" id=\"ladder\" style=\"width: ").append(l.width()).append("px\">\n");
        header(out, t, l);
        StringBuilder chunk = new StringBuilder();
        int y = 8;
        long prev = items.isEmpty() ? 0 : items.get(0).start();
        for (Item item : items) {
            if (item.start() - prev > GAP_NANOS) {
                y = gap(chunk, y, l.width(), item.start() - prev);
            }
            prev = item.end();
            if (!item.folded()) {
                y = row(chunk, y, item.row(), l);
                continue;
            }
            flush(out, chunk, y, l);
            chunk.setLength(0);
            y = 8;
            String summary = LadderFolds.summary(item);
            out.append("<details class=\"fold\" data-t=\"").append(item.start()).append("\"><summary title=\"")
                .append(esc(summary + " — click to show each")).append("\">");
            foldBar(out, item, summary, l);
            out.append("</summary>\n");
            StringBuilder inner = new StringBuilder();
            int iy = 8;
            for (Row r : item.rows()) {
                iy = row(inner, iy, r, l);
            }
            flush(out, inner, iy, l);
            out.append("</details>\n");
        }
        flush(out, chunk, y, l);
        return out.append("</div>\n").toString();
    }

    private static int row(StringBuilder b, int y, Row r, LadderLayout l) {
        if (r.packet() != null) {
            return packet(b, y, r, l);
        }
        if (r.states() != null) {
            return states(b, y, r, l);
        }
        if (r.failed() != null) {
            return failure(b, y, r.failed(), l.width());
        }
        return fault(b, y, r.fault(), l.width());
    }

    /** The sticky header: host boxes (names and addresses cut to the column, full on hover) and the arrow marker. */
    private static void header(StringBuilder out, LabTrace t, LadderLayout l) {
        out.append("<div class=\"ladder-head\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder-hosts\" width=\"")
            .append(l.width()).append("\" height=\"").append(HEAD_H).append("\" viewBox=\"0 0 ").append(l.width())
            .append(' ').append(HEAD_H).append("\" role=\"img\" aria-label=\"hosts\">");
        out.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/>"
            + "</marker></defs>\n");
        out.append("<text class=\"axis\" x=\"8\" y=\"").append(HEAD_H - 14).append("\">virtual time</text>\n");
        for (String h : l.hosts()) {
            int hx = l.x().get(h);
            int w = l.hostBoxW();
            String addr = address(t, h);
            out.append("<g class=\"host\" data-host=\"").append(esc(h)).append("\"><title>").append(esc(h + " " + addr))
                .append("</title><line class=\"lifeline\" x1=\"").append(hx).append("\" y1=\"").append(HEAD_H - 8)
                .append("\" x2=\"").append(hx).append("\" y2=\"").append(HEAD_H).append("\"/><rect class=\"hostbox\" x=\"")
                .append(hx - w / 2).append("\" y=\"6\" width=\"").append(w).append("\" height=\"").append(HEAD_H - 14)
                .append("\" rx=\"6\"/><text class=\"hostname\" x=\"").append(hx).append("\" y=\"25\">")
                .append(esc(fit(h, w - 8, 8.6))).append("</text><text class=\"hostaddr\" x=\"").append(hx)
                .append("\" y=\"40\">").append(esc(fit(addr, w - 8, SMALL_CHAR))).append("</text></g>\n");
        }
        out.append("</svg></div>\n");
    }

    /** One SVG of rows, with the lifelines running through it. */
    private static void flush(StringBuilder out, StringBuilder body, int y, LadderLayout l) {
        if (body.isEmpty()) {
            return;
        }
        int height = y + 8;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder-rows\" width=\"").append(l.width())
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(l.width()).append(' ').append(height)
            .append("\">\n");
        for (int hx : l.x().values()) {
            out.append("<line class=\"lifeline\" x1=\"").append(hx).append("\" y1=\"0\" x2=\"").append(hx)
                .append("\" y2=\"").append(height).append("\"/>");
        }
        out.append('\n').append(body).append("</svg>\n");
    }

    private static void foldBar(StringBuilder out, Item f, String summary, LadderLayout l) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder-fold\" width=\"").append(l.width())
            .append("\" height=\"").append(FOLD_H).append("\" viewBox=\"0 0 ").append(l.width()).append(' ').append(FOLD_H)
            .append("\">");
        for (int hx : l.x().values()) {
            out.append("<line class=\"lifeline\" x1=\"").append(hx).append("\" y1=\"0\" x2=\"").append(hx)
                .append("\" y2=\"").append(FOLD_H).append("\"/>");
        }
        time(out, FOLD_H / 2 + 4, f.start());
        out.append("<rect class=\"foldbar\" x=\"").append(TIME_W).append("\" y=\"3\" width=\"").append(l.width() - TIME_W - 6)
            .append("\" height=\"").append(FOLD_H - 6).append("\" rx=\"5\"/><text class=\"foldtext\" x=\"").append(TIME_W + 8)
            .append("\" y=\"").append(FOLD_H / 2 + 4).append("\"><tspan class=\"tri\">▸ </tspan>")
            .append(esc(fit(summary, l.width() - TIME_W - 40, SMALL_CHAR))).append("</text></svg>");
    }

    private static String address(LabTrace t, String host) {
        return ResultJson.list(t.hosts()).stream().filter(h -> host.equals(h.name()))
            .map(h -> h.address() + ("linux".equals(h.kind()) ? " (Linux)" : "")).findFirst().orElse("");
    }

    private static int packet(StringBuilder b, int y, Row r, LadderLayout l) {
        WirePacket p = r.packet();
        int x1 = l.x().get(p.fromHost() == null ? "?" : p.fromHost());
        int x2 = l.x().get(p.toHost() == null ? "?" : p.toHost());
        int ay = y + 20;
        int dir = Integer.signum(x2 - x1);
        if (dir == 0) {
            dir = 1;
            x2 = x1 + Math.min(60, l.colW() / 2);
        }
        String cls = p.firewallDropped() ? "pkt dropped fw" : !p.delivered() ? "pkt dropped" : p.fault() != null ? "pkt faulty" : "pkt";
        b.append("<g class=\"").append(cls).append("\" id=\"p").append(r.index()).append("\" data-t=\"")
            .append(p.timeNanos()).append('"');
        if (p.firewallDropped()) {
            b.append(" data-dropped-at=\"").append(esc(p.droppedBy())).append("\" data-x=\"").append(p.droppedAtOutput() ? x1 : x2)
                .append('"');
        }
        b.append("><title>").append(esc(tooltip(p, r.index()))).append("</title>");
        time(b, ay, p.timeNanos());
        int sx = x1 + dir * 3;
        int ex = x2 - dir * 3;
        int span = Math.abs(x2 - x1);
        // slanted: a segment arrives after it was sent; the slope only suggests the flight
        int ey = ay + 10;
        int mid = (x1 + x2) / 2;
        if (p.delivered()) {
            b.append("<line class=\"arrow\" x1=\"").append(sx).append("\" y1=\"").append(ay).append("\" x2=\"")
                .append(ex).append("\" y2=\"").append(ey).append("\" marker-end=\"url(#arrow)\"/>");
        } else {
            // where it died: at the receiver's INPUT chain, at the sender's OUTPUT chain, or on the wire
            int dx = p.firewallDropped() ? (p.droppedAtOutput() ? x1 + dir * Math.min(36, span / 3) : x2 - dir * 14)
                : sx + (int) ((ex - sx) * 0.6);
            int dy = ay + (int) Math.round(10.0 * (dx - sx) / (ex - sx == 0 ? 1 : ex - sx));
            if (p.droppedAtOutput()) {
                b.append("<line class=\"ghost\" x1=\"").append(dx).append("\" y1=\"").append(dy).append("\" x2=\"")
                    .append(ex).append("\" y2=\"").append(ey).append("\"/>");
            }
            b.append("<line class=\"arrow\" x1=\"").append(sx).append("\" y1=\"").append(ay).append("\" x2=\"")
                .append(dx).append("\" y2=\"").append(dy).append("\"/>");
            b.append("<path class=\"cross\" d=\"M").append(dx - 6).append(',').append(dy - 6).append(" L").append(dx + 6)
                .append(',').append(dy + 6).append(" M").append(dx - 6).append(',').append(dy + 6).append(" L")
                .append(dx + 6).append(',').append(dy - 6).append("\"/>");
        }
        b.append("<text class=\"plabel\" x=\"").append(mid).append("\" y=\"").append(ay - 5).append("\">")
            .append(esc(label(p, span - 12))).append("</text>");
        if (p.fault() != null || !p.delivered()) {
            String f = fateLabel(p, span - 12);
            b.append("<text class=\"flabel\" x=\"").append(mid).append("\" y=\"").append(ey + 12).append("\">")
                .append(esc(f)).append("</text>");
        }
        b.append("</g>\n");
        return y + PACKET_H + (p.fault() != null || !p.delivered() ? 8 : 0);
    }

    /** Under a dropped or faulty arrow: what happened, cut to the arrow's length (full text on hover). */
    static String fateLabel(WirePacket p, int px) {
        if (p.firewallDropped()) {
            return fitFirst(px, SMALL_CHAR, "✗ dropped by " + p.droppedBy() + "'s firewall, " + p.dropRule(),
                "✗ " + p.droppedBy() + " " + p.dropRule(), "✗ " + p.dropRule(), "✗ firewall", "✗");
        }
        String f = (p.delivered() ? "⚡ " : "✗ dropped") + (p.fault() == null ? "" : (p.delivered() ? "" : ": ") + p.fault());
        return fit(f, px, SMALL_CHAR);
    }

    private static int states(StringBuilder b, int y, Row r, LadderLayout l) {
        int cy = y + 13;
        b.append("<g class=\"states\" data-t=\"").append(r.time()).append("\">");
        time(b, cy + 4, r.time());
        for (StateBox s : r.states()) {
            int hx = l.x().get(s.host());
            String text = boxText(s, l.colW() - 30);
            int w = (int) Math.round(LABEL_CHAR * text.length()) + 14;
            int bx = hx + 8;
            String id = s.socket().isEmpty() ? "" : s.socket() + " ";
            b.append("<g class=\"state ").append(stateClass(s.finalState())).append("\"><title>")
                .append(esc(s.tooltip())).append("</title><rect x=\"").append(bx).append("\" y=\"").append(cy - 9)
                .append("\" width=\"").append(w).append("\" height=\"18\" rx=\"9\"/><text x=\"").append(bx + w / 2)
                .append("\" y=\"").append(cy + 4).append("\">");
            if (!id.isEmpty() && text.startsWith(id)) {
                b.append("<tspan class=\"sid\">").append(esc(id)).append("</tspan>").append(esc(text.substring(id.length())));
            } else {
                b.append(esc(text));
            }
            b.append("</text><circle cx=\"").append(hx).append("\" cy=\"").append(cy).append("\" r=\"3\"/></g>");
        }
        b.append("</g>\n");
        return y + STATE_H;
    }

    /** A box's text for {@code px}: every state, then the last only, then cut. */
    static String boxText(StateBox s, int px) {
        String id = s.socket().isEmpty() ? "" : s.socket() + " ";
        List<String> st = s.states();
        String last = st.get(st.size() - 1);
        return fitFirst(px, LABEL_CHAR, s.label(), id + (st.size() > 1 ? "… → " : "") + last, id + last,
            s.socket().replaceAll(" ⇒ .*", "") + " " + last, last);
    }

    /** A failed check at the moment it failed: the student sees what the wire did just before. */
    private static int failure(StringBuilder b, int y, CheckResult c, int width) {
        int cy = y + 12;
        b.append("<g class=\"failmark\" data-t=\"").append(c.virtualTimeNanos()).append("\"><title>")
            .append(esc(c.outcome() + ": " + c.name() + (c.message() == null ? "" : "\n" + c.message()))).append("</title>");
        time(b, cy + 4, c.virtualTimeNanos());
        b.append("<line x1=\"").append(TIME_W).append("\" y1=\"").append(cy).append("\" x2=\"").append(width - 10)
            .append("\" y2=\"").append(cy).append("\"/><text x=\"").append(TIME_W + 6).append("\" y=\"").append(cy - 4)
            .append("\">").append(esc(fit(failureText(c), width - TIME_W - 16, 7.4))).append("</text></g>\n");
        return y + GAP_H + 4;
    }

    static String failureText(CheckResult c) {
        String where = c.location() == null ? "" : " (" + FileNames.base(c.location().file()) + ":" + c.location().line() + ")";
        return (c.outcome() == Outcome.ERROR ? "⚠ " : "✗ ") + c.name() + where;
    }

    private static int fault(StringBuilder b, int y, FaultMark f, int width) {
        int cy = y + 12;
        b.append("<g class=\"fault\" data-t=\"").append(f.timeNanos()).append("\"><title>")
            .append(esc("fault on " + f.link() + " at " + Html.seconds6(f.timeNanos()) + ": " + f.description()))
            .append("</title>");
        time(b, cy + 4, f.timeNanos());
        b.append("<line x1=\"").append(TIME_W).append("\" y1=\"").append(cy).append("\" x2=\"").append(width - 10)
            .append("\" y2=\"").append(cy).append("\"/><text x=\"").append(TIME_W + 6).append("\" y=\"").append(cy - 4)
            .append("\">").append(esc(fit("⚡ " + f.link() + ": " + f.description(), width - TIME_W - 16, SMALL_CHAR)))
            .append("</text></g>\n");
        return y + GAP_H + 4;
    }

    private static int gap(StringBuilder b, int y, int width, long nanos) {
        int cy = y + 9;
        b.append("<g class=\"gap\"><rect x=\"").append(TIME_W).append("\" y=\"").append(cy - 5).append("\" width=\"")
            .append(width - TIME_W - 6).append("\" height=\"10\"/><text x=\"8\" y=\"").append(cy + 4).append("\">⋯ ")
            .append(esc(Html.span(nanos))).append(" later</text></g>\n");
        return y + GAP_H;
    }

    private static void time(StringBuilder b, int y, long nanos) {
        b.append("<text class=\"time\" x=\"8\" y=\"").append(y).append("\">").append(esc(Html.seconds6(nanos)))
            .append("</text>");
    }

    /** "SYN, ACK seq=0 ack=1 win=65160 len=0": the reference tables' relative numbers. */
    static String label(WirePacket p) {
        StringBuilder s = new StringBuilder(p.flags() == null ? "" : p.flags());
        s.append(" seq=").append(p.relSeq());
        if (p.relAck() >= 0) {
            s.append(" ack=").append(p.relAck());
        }
        s.append(" win=").append(p.window()).append(" len=").append(p.length());
        return s.toString();
    }

    /** The label for an arrow {@code px} long: all of it, then without len=0 and win, then flags and numbers only. */
    static String label(WirePacket p, int px) {
        String flags = p.flags() == null ? "" : p.flags();
        String ack = p.relAck() >= 0 ? " ack=" + p.relAck() : "";
        String len = p.length() > 0 ? " len=" + p.length() : "";
        return fitFirst(px, LABEL_CHAR, label(p), flags + " seq=" + p.relSeq() + ack + " win=" + p.window() + len,
            flags + " seq=" + p.relSeq() + ack + len, flags + " " + p.relSeq() + (p.relAck() >= 0 ? ":" + p.relAck() : "")
                + (p.length() > 0 ? " +" + p.length() : ""), flags);
    }

    static String tooltip(WirePacket p, int index) {
        return "#" + index + " " + Html.seconds6(p.timeNanos()) + (p.link() == null ? "" : " on " + p.link()) + "\n"
            + p.src() + ":" + p.srcPort() + " → " + p.dst() + ":" + p.dstPort() + "\n"
            + label(p) + "\nraw seq=" + Integer.toUnsignedString((int) p.seq()) + " ack="
            + Integer.toUnsignedString((int) p.ack()) + "\noptions: " + (p.options() == null || p.options().isEmpty()
            ? "none" : p.options()) + (p.firewallDropped() ? "\nDROPPED by " + p.droppedBy() + "'s firewall (" + p.dropRule() + ")"
            : p.delivered() ? "" : "\nDROPPED") + (p.fault() == null ? "" : "\nfault: " + p.fault());
    }

    static String shortState(String state) {
        return LadderRows.shortState(state);
    }

    static String stateClass(String state) {
        String s = shortState(state);
        if (s.equals("ESTABLISHED")) {
            return "st-est";
        }
        if (s.startsWith("SYN") || s.equals("NEW_SYN_RECV") || s.equals("LISTEN")) {
            return "st-open";
        }
        if (s.equals("CLOSE") || s.equals("CLOSED") || s.equals("TIME_WAIT")) {
            return "st-closed";
        }
        return "st-close";
    }
}
