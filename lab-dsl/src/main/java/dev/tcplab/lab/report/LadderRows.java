package dev.tcplab.lab.report;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ladder's rows: one per segment, per group of state changes, per fault and per failed
 * check, in causal order. Within one instant segments and state changes keep the order the run
 * recorded them in (its event log): the SYN_SENT box before the SYN it sends, the NEW_SYN_RECV
 * box after the SYN that made it. A fault comes first in its instant, a failed check last.
 */
final class LadderRows {
    private LadderRows() {}

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

    /** A segment or a state change with its place in the event log (legacy results without one: packets first). */
    private record Event(long time, long order, WirePacket packet, int index, StateChange state) {}

    static List<Row> rows(LabTrace t) {
        return rows(t, List.of());
    }

    static List<Row> rows(LabTrace t, List<CheckResult> checks) {
        List<Event> events = new ArrayList<>();
        int n = 0;
        long unknown = Long.MAX_VALUE / 2; // no order recorded: segments, then state changes, each in list order
        for (WirePacket p : ResultJson.list(t.packets())) {
            events.add(new Event(p.timeNanos(), p.order() >= 0 ? p.order() : unknown + n, p, ++n, null));
        }
        int s = 0;
        for (StateChange c : ResultJson.list(t.states())) {
            events.add(new Event(c.timeNanos(), c.order() >= 0 ? c.order() : unknown + (1L << 40) + s++, null, 0, c));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparingLong(Event::order));
        List<Row> rows = new ArrayList<>();
        for (FaultMark f : ResultJson.list(t.faults())) {
            rows.add(new Row(f.timeNanos(), null, 0, null, f, null));
        }
        List<StateChange> instant = new ArrayList<>();
        for (Event e : events) {
            // state changes of one instant with no segment between them make one group
            if (!instant.isEmpty() && (e.packet() != null || instant.get(0).timeNanos() != e.time())) {
                stateRows(rows, instant);
                instant = new ArrayList<>();
            }
            if (e.packet() != null) {
                rows.add(new Row(e.time(), e.packet(), e.index(), null, null, null));
            } else {
                instant.add(e.state());
            }
        }
        stateRows(rows, instant);
        for (CheckResult c : ResultJson.list(checks)) {
            if ((c.outcome() == Outcome.FAILED || c.outcome() == Outcome.ERROR) && c.virtualTimeNanos() >= 0) {
                rows.add(new Row(c.virtualTimeNanos(), null, 0, null, null, c));
            }
        }
        // stable: events keep their causal order within an instant
        rows.sort(Comparator.comparingLong(Row::time).thenComparingInt(LadderRows::kindOrder));
        return rows;
    }

    private static int kindOrder(Row r) {
        return r.fault() != null ? 0 : r.failed() != null ? 2 : 1;
    }

    /** A group of state changes as boxes, at most one per host and row. */
    private static void stateRows(List<Row> rows, List<StateChange> instant) {
        if (instant.isEmpty()) {
            return;
        }
        Map<String, List<StateChange>> bySocket = new LinkedHashMap<>();
        for (StateChange s : instant) {
            bySocket.computeIfAbsent(host(s) + "\u0000" + socketId(s.socket()), k -> new ArrayList<>()).add(s);
        }
        // a request sock that closes while a socket with its addresses leaves TCP_NEW_SYN_RECV was replaced by that child
        Map<List<StateChange>, List<StateChange>> childOf = new IdentityHashMap<>();
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

    static String shortState(String state) {
        if (state == null) {
            return "?";
        }
        return state.startsWith("TCP_") ? state.substring(4) : state;
    }
}
