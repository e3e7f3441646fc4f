package dev.tcplab.stack.dev.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Fates;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tbf: a full bucket passes a burst at once, then frames leave at the rate, and overflow drops. */
class TokenBucketTest {
    private static final long MS = 1_000_000;

    @Test
    void burstPassesThenRateThenOverflowDrops() {
        byte[] frame = new byte[1000]; // bytes are not looked at
        // 8 Mbit/s = 1000 bytes per ms; bucket of 3 frames; at most 2ms queueing
        TokenBucket tbf = Faults.tbf(8_000_000, 3000, 2 * MS);
        Rng rng = new Rng(1);
        long[] delays = new long[7];
        boolean[] dropped = new boolean[7];
        for (int i = 0; i < 7; i++) {
            FrameFate f = Fates.run(tbf, rng, frame, 0); // seven frames at once
            delays[i] = Fates.extraDelay(f);
            dropped[i] = Fates.dropped(f);
        }
        assertEquals(List.of(0L, 0L, 0L, MS, 2 * MS), List.of(delays[0], delays[1], delays[2], delays[3], delays[4]));
        assertFalse(dropped[4]);
        assertTrue(dropped[5] && dropped[6], "would wait 3ms > 2ms");
        assertEquals(List.of("tbf: queue full (would wait 3.000ms)"), Fates.notes(Fates.run(tbf, rng, frame, 0)));
        // after 10ms idle the bucket is full again (capped at burst, not 10 frames)
        int passedAtOnce = 0;
        for (int i = 0; i < 5; i++) {
            passedAtOnce += Fates.extraDelay(Fates.run(tbf, rng, frame, 12 * MS)) == 0 ? 1 : 0;
        }
        assertEquals(3, passedAtOnce);
        assertEquals(List.of("tbf: 4000B frame exceeds burst 3000B"), Fates.notes(Fates.run(tbf, rng, new byte[4000], 50 * MS)));
        assertEquals("tbf rate 8000000bit burst 3000b latency 2.000ms", tbf.toString());
        assertThrows(IllegalArgumentException.class, () -> Faults.tbf(0, 1, 1));
    }
}
