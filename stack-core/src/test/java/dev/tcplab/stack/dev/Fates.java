package dev.tcplab.stack.dev;

import dev.tcplab.stack.sim.Rng;
import java.util.List;

/** Test access to FrameFate's package-private constructor and verdict, for the fault package's tests. */
public final class Fates {
    private Fates() {}

    public static FrameFate at(byte[] frame, long now) {
        return new FrameFate(frame, now);
    }

    /** A fresh fate at time now, after fault applied to it. */
    public static FrameFate run(Fault fault, Rng rng, byte[] frame, long now) {
        FrameFate fate = new FrameFate(frame, now);
        fault.apply(fate, rng);
        return fate;
    }

    public static boolean dropped(FrameFate f) {
        return f.dropped;
    }

    public static long extraDelay(FrameFate f) {
        return f.extraDelay;
    }

    public static int extraCopies(FrameFate f) {
        return f.extraCopies;
    }

    public static List<String> notes(FrameFate f) {
        return List.copyOf(f.notes);
    }

    /** What the link writes into the trace (null when untouched). */
    public static String describe(FrameFate f) {
        return f.describe();
    }
}
