package dev.tcplab.stack.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run's event log. Recording can be narrowed for long benchmarks (a million-SYN flood)
 * where keeping every kernel call would measure the log, not the stack.
 */
public final class Trace {
    private final List<TraceEvent> events = new AppendOnlyList<>();
    private final List<Consumer<TraceEvent>> listeners = new ArrayList<>();
    private boolean recordKernelCalls = true;
    private boolean recordFrames = true;
    private boolean enabled = true;

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setRecordKernelCalls(boolean on) {
        this.recordKernelCalls = on;
    }

    public void setRecordFrames(boolean on) {
        this.recordFrames = on;
    }

    /** Whether anything is recorded: callers skip building an event's strings when not. */
    public boolean enabled() {
        return enabled;
    }

    public boolean kernelCallsOn() {
        return enabled && recordKernelCalls;
    }

    /** Whether frames (and firewall drops) are recorded: a caller skips building their bytes otherwise. */
    public boolean framesOn() {
        return enabled && recordFrames;
    }

    public void addListener(Consumer<TraceEvent> l) {
        listeners.add(l);
    }

    public void add(TraceEvent e) {
        if (!enabled) {
            return;
        }
        if (e instanceof TraceEvent.KernelCall && !recordKernelCalls) {
            return;
        }
        if ((e instanceof TraceEvent.Frame || e instanceof TraceEvent.NetfilterDrop) && !recordFrames) {
            return;
        }
        events.add(e);
        for (Consumer<TraceEvent> l : listeners) {
            l.accept(e);
        }
    }

    public List<TraceEvent> events() {
        return events;
    }

    public <T extends TraceEvent> List<T> of(Class<T> type) {
        List<T> r = new ArrayList<>();
        for (TraceEvent e : events) {
            if (type.isInstance(e)) {
                r.add(type.cast(e));
            }
        }
        return r;
    }

    /** Kernel function names called on host, in order. */
    public List<String> kernelCalls(String host) {
        List<String> r = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.KernelCall k && k.host().equals(host)) {
                r.add(k.function());
            }
        }
        return r;
    }
}
