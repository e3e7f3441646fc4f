package dev.tcplab.lab.report;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.HostInfo;
import dev.tcplab.lab.result.LabTrace.KernelCall;
import dev.tcplab.lab.result.LabTrace.LinkCapture;
import dev.tcplab.lab.result.LabTrace.QueueSample;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.SourceLocation;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * LabResult as JSON and back: result.json in the reports, and the record the grading worker
 * sends to the grading process. Captures go out as file names in reports and as base64 bytes
 * on the worker stream ({@code withPcap}).
 */
public final class ResultJson {
    private ResultJson() {}

    public static void write(JsonWriter w, LabResult lab, boolean withPcap) {
        w.beginObject()
            .field("id", lab.id())
            .field("title", lab.title())
            .field("script", lab.script())
            .field("seed", lab.seed())
            .field("outcome", name(lab.outcome()))
            .field("error", lab.error());
        w.name("errorLocation");
        location(w, lab.errorLocation());
        w.field("points", lab.points())
            .field("maxPoints", lab.maxPoints())
            .field("wallMillis", lab.wallMillis())
            .field("virtualNanos", lab.virtualNanos());
        w.name("checks").beginArray();
        for (CheckResult c : list(lab.checks())) {
            w.beginObject()
                .field("name", c.name())
                .field("step", c.step())
                .field("points", c.points())
                .field("maxPoints", c.maxPoints())
                .field("hidden", c.hidden())
                .field("outcome", name(c.outcome()))
                .field("message", c.message())
                .field("virtualTimeNanos", c.virtualTimeNanos());
            w.name("location");
            location(w, c.location());
            w.endObject();
        }
        w.endArray();
        w.name("trace");
        if (lab.trace() == null) {
            w.value((String) null);
        } else {
            trace(w, lab.trace(), withPcap);
        }
        w.endObject();
    }

    private static void trace(JsonWriter w, LabTrace t, boolean withPcap) {
        w.beginObject();
        w.name("hosts").beginArray();
        for (HostInfo h : list(t.hosts())) {
            w.beginObject().field("name", h.name()).field("address", h.address()).field("kind", h.kind()).endObject();
        }
        w.endArray();
        w.name("packets").beginArray();
        for (WirePacket p : list(t.packets())) {
            w.beginObject()
                .field("timeNanos", p.timeNanos()).field("link", p.link())
                .field("fromHost", p.fromHost()).field("toHost", p.toHost())
                .field("src", p.src()).field("srcPort", p.srcPort())
                .field("dst", p.dst()).field("dstPort", p.dstPort())
                .field("flags", p.flags()).field("seq", p.seq()).field("ack", p.ack())
                .field("relSeq", p.relSeq()).field("relAck", p.relAck())
                .field("window", p.window()).field("length", p.length())
                .field("options", p.options()).field("delivered", p.delivered()).field("fault", p.fault())
                .field("order", p.order()).field("droppedBy", p.droppedBy()).field("dropRule", p.dropRule())
                .endObject();
        }
        w.endArray();
        w.name("states").beginArray();
        for (StateChange s : list(t.states())) {
            w.beginObject().field("timeNanos", s.timeNanos()).field("host", s.host()).field("socket", s.socket())
                .field("from", s.from()).field("to", s.to()).field("order", s.order()).endObject();
        }
        w.endArray();
        w.name("queues").beginArray();
        for (QueueSample q : list(t.queues())) {
            w.beginObject().field("timeNanos", q.timeNanos()).field("host", q.host()).field("listener", q.listener())
                .field("requests", q.requests()).field("acceptQueue", q.acceptQueue()).field("backlog", q.backlog())
                .endObject();
        }
        w.endArray();
        w.name("faults").beginArray();
        for (FaultMark f : list(t.faults())) {
            w.beginObject().field("timeNanos", f.timeNanos()).field("link", f.link())
                .field("description", f.description()).endObject();
        }
        w.endArray();
        w.name("kernelCalls").beginArray();
        for (KernelCall k : list(t.kernelCalls())) {
            w.beginObject().field("timeNanos", k.timeNanos()).field("host", k.host())
                .field("function", k.function()).field("detail", k.detail()).endObject();
        }
        w.endArray();
        w.name("captures").beginArray();
        for (LinkCapture c : list(t.captures())) {
            w.beginObject().field("link", c.link());
            if (withPcap) {
                w.field("pcap", c.pcap() == null ? null : Base64.getEncoder().encodeToString(c.pcap()));
            } else {
                w.field("file", FileNames.safe(c.link()) + ".pcap").field("bytes", c.pcap() == null ? 0 : c.pcap().length);
            }
            w.endObject();
        }
        w.endArray();
        w.name("warnings").beginArray();
        for (String warning : list(t.warnings())) {
            w.value(warning);
        }
        w.endArray();
        w.endObject();
    }

    private static void location(JsonWriter w, SourceLocation l) {
        if (l == null) {
            w.value((String) null);
            return;
        }
        w.beginObject().field("file", l.file()).field("line", l.line()).field("column", l.column()).endObject();
    }

    private static String name(Outcome o) {
        return o == null ? null : o.name();
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    // ---- reading back (strict: a missing or mistyped member throws IllegalArgumentException) ----

    public static LabResult read(Object json) {
        Map<String, Object> m = obj(json);
        List<CheckResult> checks = new ArrayList<>();
        for (Object o : arr(m.get("checks"))) {
            Map<String, Object> c = obj(o);
            checks.add(new CheckResult(str(c, "name"), str(c, "step"), num(c, "points"), num(c, "maxPoints"),
                bool(c, "hidden"), outcome(c), str(c, "message"), lng(c, "virtualTimeNanos"), loc(c.get("location"))));
        }
        Object t = m.get("trace");
        return new LabResult(str(m, "id"), str(m, "title"), str(m, "script"), lng(m, "seed"), outcome(m),
            str(m, "error"), loc(m.get("errorLocation")), checks, t == null ? null : trace(obj(t)),
            lng(m, "wallMillis"), lng(m, "virtualNanos"));
    }

    private static LabTrace trace(Map<String, Object> t) {
        return new LabTrace(
            each(t, "hosts", h -> new HostInfo(str(h, "name"), str(h, "address"), str(h, "kind"))),
            each(t, "packets", p -> new WirePacket(lng(p, "timeNanos"), str(p, "link"), str(p, "fromHost"),
                str(p, "toHost"), str(p, "src"), (int) lng(p, "srcPort"), str(p, "dst"), (int) lng(p, "dstPort"),
                str(p, "flags"), lng(p, "seq"), lng(p, "ack"), lng(p, "relSeq"), lng(p, "relAck"),
                (int) lng(p, "window"), (int) lng(p, "length"), str(p, "options"), bool(p, "delivered"),
                str(p, "fault"), optLng(p, "order"), optStr(p, "droppedBy"), optStr(p, "dropRule"))),
            each(t, "states", s -> new StateChange(lng(s, "timeNanos"), str(s, "host"), str(s, "socket"),
                str(s, "from"), str(s, "to"), optLng(s, "order"))),
            each(t, "faults", f -> new FaultMark(lng(f, "timeNanos"), str(f, "link"), str(f, "description"))),
            each(t, "kernelCalls", k -> new KernelCall(lng(k, "timeNanos"), str(k, "host"), str(k, "function"),
                str(k, "detail"))),
            each(t, "captures", c -> new LinkCapture(str(c, "link"),
                c.get("pcap") == null ? new byte[0] : Base64.getDecoder().decode(str(c, "pcap")))),
            t.containsKey("warnings") ? strings(t.get("warnings")) : List.of(), // absent before warnings existed
            !t.containsKey("queues") ? List.of() : each(t, "queues", q -> new QueueSample(lng(q, "timeNanos"),
                str(q, "host"), str(q, "listener"), (int) lng(q, "requests"), (int) lng(q, "acceptQueue"),
                (int) lng(q, "backlog"))));
    }

    /** A member added after results were first written: absent reads as -1. */
    private static long optLng(Map<String, Object> m, String k) {
        return m.containsKey(k) ? lng(m, k) : -1;
    }

    private static String optStr(Map<String, Object> m, String k) {
        return m.containsKey(k) ? str(m, k) : null;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object s : arr(o)) {
            if (!(s instanceof String str)) {
                throw new IllegalArgumentException("a warning is not a string");
            }
            out.add(str);
        }
        return out;
    }

    private static <T> List<T> each(Map<String, Object> m, String key, Function<Map<String, Object>, T> f) {
        List<T> out = new ArrayList<>();
        for (Object o : arr(m.get(key))) {
            out.add(f.apply(obj(o)));
        }
        return out;
    }

    private static SourceLocation loc(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> l = obj(o);
        return new SourceLocation(str(l, "file"), (int) lng(l, "line"), (int) lng(l, "column"));
    }

    private static Outcome outcome(Map<String, Object> m) {
        String s = str(m, "outcome");
        try {
            return Outcome.valueOf(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad outcome " + s);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected an object");
    }

    private static List<?> arr(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected an array");
    }

    private static String str(Map<String, Object> m, String k) {
        if (!m.containsKey(k)) {
            throw new IllegalArgumentException("missing " + k);
        }
        Object o = m.get(k);
        if (o == null || o instanceof String) {
            return (String) o;
        }
        throw new IllegalArgumentException(k + " is not a string");
    }

    private static double num(Map<String, Object> m, String k) {
        if (m.get(k) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(k + " is not a number");
    }

    private static long lng(Map<String, Object> m, String k) {
        if (m.get(k) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException(k + " is not an integer");
    }

    private static boolean bool(Map<String, Object> m, String k) {
        if (m.get(k) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(k + " is not a boolean");
    }
}
