package dev.tcplab.lab.report;

import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.KernelCall;
import dev.tcplab.lab.result.LabTrace.StateChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * trace.txt: kernel calls and state changes, one a line, in time order (a stable sort, so at one
 * instant the order the engine recorded is kept), columns padded to the widest host and function.
 * <pre>  0.001000123 client  tcp_v4_connect  192.0.2.1:40000 -> 192.0.2.2:80</pre>
 */
final class TraceText {
    private TraceText() {}

    private record Line(long time, String host, String what, String detail) {}

    static String render(LabTrace t) {
        List<Line> lines = new ArrayList<>();
        for (KernelCall k : ResultJson.list(t.kernelCalls())) {
            lines.add(new Line(k.timeNanos(), k.host(), k.function(), k.detail()));
        }
        for (StateChange s : ResultJson.list(t.states())) {
            lines.add(new Line(s.timeNanos(), s.host(), "state", s.socket() + " " + s.from() + " -> " + s.to()));
        }
        lines.sort(Comparator.comparingLong(Line::time));
        int hostW = lines.stream().mapToInt(l -> str(l.host()).length()).max().orElse(0);
        int whatW = lines.stream().mapToInt(l -> str(l.what()).length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            String row = String.format(Locale.ROOT, "%13s %-" + Math.max(1, hostW) + "s  %-" + Math.max(1, whatW) + "s  %s",
                Html.seconds9(l.time()), oneLine(l.host()), oneLine(l.what()), oneLine(l.detail()));
            b.append(row.stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    /** A detail with a line break would break "one event a line". */
    private static String oneLine(String s) {
        return str(s).replace("\r", "\\r").replace("\n", "\\n");
    }
}
