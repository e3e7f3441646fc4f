package dev.tcplab.stack.dev;

import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * What faults decide for one frame entering a link direction: dropped, delayed, duplicated,
 * corrupted. Faults see the frame (decoded lazily) and write their verdict here; the link
 * carries it out and records it in the trace.
 */
public final class FrameFate {
    private byte[] frame;
    private DecodedFrame decoded;
    final long now;
    boolean dropped;
    long extraDelay;
    int extraCopies;
    final List<String> notes = new ArrayList<>();

    FrameFate(byte[] frame, long now) {
        this.frame = frame;
        this.now = now;
    }

    public byte[] frame() {
        return frame;
    }

    public DecodedFrame decoded() {
        if (decoded == null) {
            decoded = Frames.decode(frame);
        }
        return decoded;
    }

    public long now() {
        return now;
    }

    public boolean dropped() {
        return dropped;
    }

    public void drop(String why) {
        dropped = true;
        notes.add(why);
    }

    public void delay(long nanos, String why) {
        extraDelay += nanos;
        notes.add(why);
    }

    public void duplicate(String why) {
        extraCopies++;
        notes.add(why);
    }

    /** Replaces the frame's bytes (the link delivers these; the capture keeps the original). */
    public void replace(byte[] bytes, String why) {
        frame = bytes;
        decoded = null;
        notes.add(why);
    }

    String describe() {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }
}
