package dev.tcplab.lab.report;

import static dev.tcplab.lab.report.Html.esc;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ladder (sequence) diagram of one lab as inline SVG. Time is compressed: one row per event
 * (a segment, a group of simultaneous state changes, a fault), not a linear time axis, so 10 or
 * 200 segments both read well; long quiet gaps get a break mark saying how long they were.
 */
final class LadderSvg {
    static final int TIME_W = 150;
    static final int COL_W = 320;
    static final int HEAD_H = 56;
    static final int PACKET_H = 38;
    static final int STATE_H = 26;
    static final int GAP_H = 22;
    /** A quiet period longer than this gets a break mark (retransmission timers are >= 200 ms). */
    static final long GAP_NANOS = 100_000_000L;

    private LadderSvg() {}

    /**
     * One row: exactly one of packet, states, fault, failed is set. {@code index} is the packet's
     * number (1-based); {@code states} holds at most one box per host.
     */
    record Row(long time, WirePacket packet, int index, List<StateBox> states, FaultMark fault, CheckResult failed) {}

    /**
     * One state box: a socket's changes at one instant, merged ("sk3 SYN_RECV → ESTABLISHED"),
     * labelled by the socket's id (sk = full socket, req = request sock, tw = timewait minisock).
     * A request sock replaced by its child in tcp_check_req → inet_csk_complete_hashdance shows as
     * one box "req2 ⇒ sk3 SYN_RECV → ESTABLISHED", not as the request going to CLOSE.
     */
    record StateBox(String host, String socket, List<String> states, String finalState, String tooltip) {
        String label() {
            return (socket.isEmpty() ? "" : socket + " ") + String.join(" → ", states);
        }
    }

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

    /** Events in time order; at one instant: faults, then segments, then state changes (their effect), then failed checks. */
    static List<Row> rows(LabTrace t) {
        return rows(t, List.of());
    }

    static List<Row> rows(LabTrace t, List<CheckResult> checks) {
        List<Row> rows = new ArrayList<>();
        for (FaultMark f : ResultJson.list(t.faults())) {
            rows.add(new Row(f.timeNanos(), null, 0, null, f, null));
        }
        int n = 0;
        for (WirePacket p : ResultJson.list(t.packets())) {
            rows.add(new Row(p.timeNanos(), p, ++n, null, null, null));
        }
        List<StateChange> instant = new ArrayList<>();
        for (StateChange s : ResultJson.list(t.states())) {
            if (!instant.isEmpty() && instant.get(0).timeNanos() != s.timeNanos()) {
                stateRows(rows, instant);
                instant = new ArrayList<>();
            }
            instant.add(s);
        }
        stateRows(rows, instant);
        for (CheckResult c : ResultJson.list(checks)) {
            if ((c.outcome() == Outcome.FAILED || c.outcome() == Outcome.ERROR) && c.virtualTimeNanos() >= 0) {
                rows.add(new Row(c.virtualTimeNanos(), null, 0, null, null, c));
            }
        }
        rows.sort(Comparator.comparingLong(Row::time).thenComparingInt(LadderSvg::kindOrder));
        return rows;
    }

    /** The state changes of one instant as boxes, at most one per host and row. */
    private static void stateRows(List<Row> rows, List<StateChange> instant) {
        if (instant.isEmpty()) {
            return;
        }
        Map<String, List<StateChange>> bySocket = new LinkedHashMap<>();
        for (StateChange s : instant) {
            bySocket.computeIfAbsent(host(s) + "\u0000" + socketId(s.socket()), k -> new ArrayList<>()).add(s);
        }
        // a request sock that closes while a socket with its addresses leaves TCP_NEW_SYN_RECV was replaced by that child
        Map<List<StateChange>, List<StateChange>> childOf = new java.util.IdentityHashMap<>();
        for (List<StateChange> chain : bySocket.values()) {
            if (isRequest(chain) && last(chain).to().equals("TCP_CLOSE")) {
                bySocket.values().stream().filter(c -> c != chain && host(c.get(0)).equals(host(chain.get(0)))
                        && !childOf.containsValue(c) && "TCP_NEW_SYN_RECV".equals(c.get(0).from())
                        && tuple(c.get(0).socket()).equals(tuple(chain.get(0).socket())))
                    .findFirst().ifPresent(child -> childOf.put(chain, child));
            }
        }
        List<StateBox> shown = new ArrayList<>();
        for (List<StateChange> chain : bySocket.values()) {
            StateChange first = chain.get(0);
            List<StateChange> child = childOf.get(chain);
            if (child != null) {
                String req = socketId(first.socket());
                shown.add(new StateBox(host(first), req.isEmpty() ? "" : req + " ⇒ " + socketId(child.get(0).socket()),
                    shortStates(child), last(child).to(), host(first) + ": request sock " + first.socket()
                    + " replaced by its child " + child.get(0).socket()
                    + " (tcp_check_req → tcp_v4_syn_recv_sock → inet_csk_complete_hashdance): " + path(child) + " at "
                    + Html.seconds6(first.timeNanos())));
            } else if (childOf.containsValue(chain)) {
                continue; // shown with its request
            } else if (isRequest(chain) && last(chain).to().equals("TCP_CLOSE")) {
                shown.add(new StateBox(host(first), socketId(first.socket()), List.of("removed"), "TCP_CLOSE",
                    host(first) + ": request sock " + first.socket() + " removed, no child (" + path(chain)
                    + ": expired, reset or dropped) at " + Html.seconds6(first.timeNanos())));
            } else {
                shown.add(box(chain));
            }
        }
        long time = instant.get(0).timeNanos();
        List<List<StateBox>> lines = new ArrayList<>();
        for (StateBox b : shown) {
            List<StateBox> line = lines.stream().filter(l -> l.stream().noneMatch(o -> o.host().equals(b.host())))
                .findFirst().orElse(null);
            if (line == null) {
                line = new ArrayList<>();
                lines.add(line);
            }
            line.add(b);
        }
        for (List<StateBox> line : lines) {
            rows.add(new Row(time, null, 0, line, null, null));
        }
    }

    private static StateBox box(List<StateChange> chain) {
        StateChange first = chain.get(0);
        return new StateBox(host(first), socketId(first.socket()), shortStates(chain), last(chain).to(),
            host(first) + " " + first.socket() + ": " + path(chain) + " at " + Html.seconds6(first.timeNanos()));
    }

    private static List<String> shortStates(List<StateChange> chain) {
        return chain.stream().map(c -> shortState(c.to())).toList();
    }

    private static String path(List<StateChange> chain) {
        StringBuilder b = new StringBuilder(chain.get(0).from());
        chain.forEach(c -> b.append(" → ").append(c.to()));
        return b.toString();
    }

    private static boolean isRequest(List<StateChange> chain) {
        return socketId(chain.get(0).socket()).startsWith("req");
    }

    private static StateChange last(List<StateChange> chain) {
        return chain.get(chain.size() - 1);
    }

    private static String host(StateChange s) {
        return s.host() == null ? "?" : s.host();
    }

    /** "sk3 192.0.2.2:80>192.0.2.1:56770" → "sk3"; a socket without an id token → "". */
    static String socketId(String socket) {
        if (socket == null) {
            return "";
        }
        int sp = socket.indexOf(' ');
        String head = sp < 0 ? socket : socket.substring(0, sp);
        return head.matches("[a-z]+[0-9]+") ? head : "";
    }

    /** The socket's addresses without its id: a request and its child share them. */
    private static String tuple(String socket) {
        String id = socketId(socket);
        return socket == null ? "" : id.isEmpty() ? socket : socket.substring(id.length()).trim();
    }

    private static int kindOrder(Row r) {
        return r.fault() != null ? 0 : r.packet() != null ? 1 : r.states() != null ? 2 : 3;
    }

    static String render(LabTrace t) {
        return render(t, List.of());
    }

    /** The ladder with a red mark at the moment each failed check failed. */
    static String render(LabTrace t, List<CheckResult> checks) {
        List<String> hosts = hosts(t);
        List<Row> rows = rows(t, checks);
        Map<String, Integer> x = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            x.put(hosts.get(i), TIME_W + 110 + i * COL_W);
        }
        int width = TIME_W + 110 + Math.max(0, hosts.size() - 1) * COL_W + 150;
        // a fault's or a failed check's line spans the ladder: wide enough for its text
        for (Row r : rows) {
            int text = r.fault() != null ? 3 + r.fault().link().length() + r.fault().description().length()
                : r.failed() != null ? failureText(r.failed()).length() : 0;
            width = Math.max(width, TIME_W + 6 + text * 7 + 16);
        }
        StringBuilder body = new StringBuilder();
        int y = HEAD_H + 14;
        long prev = rows.isEmpty() ? 0 : rows.get(0).time();
        for (Row r : rows) {
            if (r.time() - prev > GAP_NANOS) {
                y = gap(body, y, width, r.time() - prev);
            }
            prev = r.time();
            if (r.packet() != null) {
                y = packet(body, y, r, x);
            } else if (r.states() != null) {
                y = states(body, y, r, x, hosts);
            } else if (r.failed() != null) {
                y = failure(body, y, r.failed(), width);
            } else {
                y = fault(body, y, r.fault(), width);
            }
        }
        int height = y + 16;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" id=\"ladder\" width=\"").append(width)
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" role=\"img\" aria-label=\"ladder diagram\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/>"
            + "</marker></defs>\n");
        svg.append("<text class=\"axis\" x=\"12\" y=\"").append(HEAD_H - 14).append("\">virtual time</text>\n");
        for (String h : hosts) {
            int hx = x.get(h);
            svg.append("<g class=\"host\"><line class=\"lifeline\" x1=\"").append(hx).append("\" y1=\"").append(HEAD_H)
                .append("\" x2=\"").append(hx).append("\" y2=\"").append(height - 8).append("\"/>")
                .append("<rect class=\"hostbox\" x=\"").append(hx - 70).append("\" y=\"8\" width=\"140\" height=\"")
                .append(HEAD_H - 16).append("\" rx=\"6\"/>")
                .append("<text class=\"hostname\" x=\"").append(hx).append("\" y=\"27\">").append(esc(h)).append("</text>")
                .append("<text class=\"hostaddr\" x=\"").append(hx).append("\" y=\"42\">").append(esc(address(t, h)))
                .append("</text></g>\n");
        }
        svg.append(body);
        return svg.append("</svg>\n").toString();
    }

    private static String address(LabTrace t, String host) {
        return ResultJson.list(t.hosts()).stream().filter(h -> host.equals(h.name()))
            .map(h -> h.address() + ("linux".equals(h.kind()) ? " (Linux)" : "")).findFirst().orElse("");
    }

    private static int packet(StringBuilder b, int y, Row r, Map<String, Integer> x) {
        WirePacket p = r.packet();
        int x1 = x.get(p.fromHost() == null ? "?" : p.fromHost());
        int x2 = x.get(p.toHost() == null ? "?" : p.toHost());
        int ay = y + 20;
        int dir = Integer.signum(x2 - x1);
        if (dir == 0) {
            dir = 1;
            x2 = x1 + 60;
        }
        String cls = !p.delivered() ? "pkt dropped" : p.fault() != null ? "pkt faulty" : "pkt";
        b.append("<g class=\"").append(cls).append("\" id=\"p").append(r.index()).append("\" data-t=\"")
            .append(p.timeNanos()).append("\">");
        b.append("<title>").append(esc(tooltip(p, r.index()))).append("</title>");
        time(b, ay, p.timeNanos());
        int sx = x1 + dir * 3;
        int ex = x2 - dir * 3;
        // slanted: a segment arrives after it was sent; the slope only suggests the flight
        int ey = ay + 10;
        if (p.delivered()) {
            b.append("<line class=\"arrow\" x1=\"").append(sx).append("\" y1=\"").append(ay).append("\" x2=\"")
                .append(ex).append("\" y2=\"").append(ey).append("\" marker-end=\"url(#arrow)\"/>");
        } else {
            int dx = sx + (int) ((ex - sx) * 0.6);
            int dy = ay + 6;
            b.append("<line class=\"arrow\" x1=\"").append(sx).append("\" y1=\"").append(ay).append("\" x2=\"")
                .append(dx).append("\" y2=\"").append(dy).append("\"/>");
            b.append("<path class=\"cross\" d=\"M").append(dx - 6).append(',').append(dy - 6).append(" L").append(dx + 6)
                .append(',').append(dy + 6).append(" M").append(dx - 6).append(',').append(dy + 6).append(" L")
                .append(dx + 6).append(',').append(dy - 6).append("\"/>");
        }
        int mid = (x1 + x2) / 2;
        b.append("<text class=\"plabel\" x=\"").append(mid).append("\" y=\"").append(ay - 5).append("\">")
            .append(esc(label(p))).append("</text>");
        if (p.fault() != null || !p.delivered()) {
            String f = (p.delivered() ? "⚡ " : "✗ dropped") + (p.fault() == null ? "" : (p.delivered() ? "" : ": ") + p.fault());
            b.append("<text class=\"flabel\" x=\"").append(mid).append("\" y=\"").append(ey + 12).append("\">")
                .append(esc(f)).append("</text>");
        }
        b.append("</g>\n");
        return y + PACKET_H + (p.fault() != null || !p.delivered() ? 8 : 0);
    }

    private static int states(StringBuilder b, int y, Row r, Map<String, Integer> x, List<String> hosts) {
        int cy = y + 13;
        b.append("<g class=\"states\" data-t=\"").append(r.time()).append("\">");
        time(b, cy + 4, r.time());
        for (StateBox s : r.states()) {
            int hx = x.get(s.host());
            String states = String.join(" → ", s.states());
            String id = s.socket().isEmpty() ? "" : s.socket() + " ";
            int w = 7 * (id.length() + states.length()) + 14;
            boolean left = hosts.indexOf(s.host()) == hosts.size() - 1 && hosts.size() > 1;
            int bx = left ? hx - 8 - w : hx + 8;
            b.append("<g class=\"state ").append(stateClass(s.finalState())).append("\"><title>")
                .append(esc(s.tooltip())).append("</title><rect x=\"").append(bx).append("\" y=\"").append(cy - 9)
                .append("\" width=\"").append(w).append("\" height=\"18\" rx=\"9\"/><text x=\"").append(bx + w / 2)
                .append("\" y=\"").append(cy + 4).append("\">");
            if (!id.isEmpty()) {
                b.append("<tspan class=\"sid\">").append(esc(id)).append("</tspan>");
            }
            b.append(esc(states)).append("</text><circle cx=\"").append(hx).append("\" cy=\"").append(cy)
                .append("\" r=\"3\"/></g>");
        }
        b.append("</g>\n");
        return y + STATE_H;
    }

    /** A failed check at the moment it failed: the student sees what the wire did just before. */
    private static int failure(StringBuilder b, int y, CheckResult c, int width) {
        int cy = y + 12;
        b.append("<g class=\"failmark\" data-t=\"").append(c.virtualTimeNanos()).append("\"><title>")
            .append(esc(c.outcome() + ": " + c.name() + (c.message() == null ? "" : "\n" + c.message()))).append("</title>");
        time(b, cy + 4, c.virtualTimeNanos());
        b.append("<line x1=\"").append(TIME_W).append("\" y1=\"").append(cy).append("\" x2=\"").append(width - 10)
            .append("\" y2=\"").append(cy).append("\"/><text x=\"").append(TIME_W + 6).append("\" y=\"").append(cy - 4)
            .append("\">").append(esc(failureText(c))).append("</text></g>\n");
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
            .append("\">⚡ ").append(esc(f.link() + ": " + f.description())).append("</text></g>\n");
        return y + GAP_H + 4;
    }

    private static int gap(StringBuilder b, int y, int width, long nanos) {
        int cy = y + 9;
        b.append("<g class=\"gap\"><rect x=\"").append(TIME_W).append("\" y=\"").append(cy - 5).append("\" width=\"")
            .append(width - TIME_W - 10).append("\" height=\"10\"/><text x=\"12\" y=\"").append(cy + 4).append("\">⋯ ")
            .append(esc(Html.span(nanos))).append(" later</text></g>\n");
        return y + GAP_H;
    }

    private static void time(StringBuilder b, int y, long nanos) {
        b.append("<text class=\"time\" x=\"12\" y=\"").append(y).append("\">").append(esc(Html.seconds6(nanos)))
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

    static String tooltip(WirePacket p, int index) {
        return "#" + index + " " + Html.seconds6(p.timeNanos()) + " on " + p.link() + "\n"
            + p.src() + ":" + p.srcPort() + " → " + p.dst() + ":" + p.dstPort() + "\n"
            + label(p) + "\nraw seq=" + Integer.toUnsignedString((int) p.seq()) + " ack="
            + Integer.toUnsignedString((int) p.ack()) + "\noptions: " + (p.options() == null || p.options().isEmpty()
            ? "none" : p.options()) + (p.delivered() ? "" : "\nDROPPED") + (p.fault() == null ? "" : "\nfault: " + p.fault());
    }

    static String shortState(String state) {
        if (state == null) {
            return "?";
        }
        return state.startsWith("TCP_") ? state.substring(4) : state;
    }

    private static String stateClass(String state) {
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
