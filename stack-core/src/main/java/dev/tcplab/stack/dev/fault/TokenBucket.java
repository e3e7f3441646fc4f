package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;

/**
 * tc {@code tbf rate R burst B latency L}: a token bucket of B bytes filling at R bits/s, in front
 * of a FIFO. A frame leaves when the bucket holds its length in tokens (in arrival order); a frame
 * that would wait longer than L, or that is larger than the bucket, is dropped (tbf_enqueue's
 * qdisc_drop). Unlike {@link dev.tcplab.stack.dev.Link#setRate} (a wire of that speed, no loss)
 * this lets a burst through at once and then polices: the classic shaping/queue-overflow lab.
 * Frames dropped by a later fault still used their tokens.
 */
public final class TokenBucket implements Fault {
    private final long rateBitsPerSecond;
    private final long burstBytes;
    private final long latencyNanos;
    // tokens in bit-nanoseconds per second (bits x 1e9): exact integer arithmetic, no drift
    private final long capacity;
    private long tokens;
    private long last;          // departure time of the previous frame (or 0)

    public TokenBucket(long rateBitsPerSecond, long burstBytes, long latencyNanos) {
        if (rateBitsPerSecond <= 0 || burstBytes <= 0 || burstBytes > 1L << 30) {
            throw new IllegalArgumentException("tbf needs a positive rate and a burst of 1B..1GiB, got rate "
                    + rateBitsPerSecond + "bit/s, burst " + burstBytes + "B");
        }
        this.rateBitsPerSecond = rateBitsPerSecond;
        this.burstBytes = burstBytes;
        this.latencyNanos = Notation.nonNegative("tbf latency", latencyNanos);
        this.capacity = burstBytes * 8 * 1_000_000_000L;
        this.tokens = capacity; // tbf starts with a full bucket
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        int size = fate.frame().length;
        if (size > burstBytes) {
            fate.drop("tbf: " + size + "B frame exceeds burst " + burstBytes + "B");
            return;
        }
        long now = fate.now();
        long start = Math.max(now, last);
        long available = fill(tokens, start - last);
        long need = size * 8L * 1_000_000_000L;
        long depart = start + (available >= need ? 0 : ceilDiv(need - available, rateBitsPerSecond));
        long wait = depart - now;
        if (wait > latencyNanos) {
            fate.drop("tbf: queue full (would wait " + Notation.millis(wait) + ")");
            return;
        }
        tokens = fill(available, depart - start) - need;
        last = depart;
        if (wait > 0) {
            fate.delay(wait, "tbf +" + Notation.millis(wait));
        }
    }

    private long fill(long from, long elapsedNanos) {
        long room = capacity - from;
        return elapsedNanos >= ceilDiv(room, rateBitsPerSecond) ? capacity : from + elapsedNanos * rateBitsPerSecond;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    @Override
    public String toString() {
        return "tbf rate " + rateBitsPerSecond + "bit burst " + burstBytes + "b latency " + Notation.millis(latencyNanos);
    }
}
