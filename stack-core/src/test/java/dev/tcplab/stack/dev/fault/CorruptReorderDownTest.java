package dev.tcplab.stack.dev.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Fates;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Packet;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpPacket;
import dev.tcplab.stack.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corrupt (one bit, delivered), Reorder (netem gap semantics), LinkDown (window boundaries). */
class CorruptReorderDownTest {
    private static final long MS = 1_000_000;

    @Test
    void corruptFlipsExactlyOneBitOfTheIpPayloadAndTheTcpChecksumFails() {
        Rng rng = new Rng(9);
        Corrupt corrupt = Faults.corrupt(1);
        List<byte[]> frames = List.of(Segments.syn(), Segments.synAck(), Segments.ack(502),
                Segments.data(1001, "hello, world\n"));
        for (int i = 0; i < 4000; i++) {
            byte[] original = frames.get(i % frames.size());
            byte[] copy = original.clone();
            FrameFate fate = Fates.run(corrupt, rng, original, 0);
            assertArrayEquals(copy, original, "the captured original stays untouched");
            assertFalse(Fates.dropped(fate), "a corrupted frame is still delivered");
            byte[] bad = fate.frame();
            int differing = 0;
            int firstDiff = -1;
            for (int b = 0; b < bad.length; b++) {
                int x = Integer.bitCount((bad[b] ^ original[b]) & 0xff);
                if (x > 0 && firstDiff < 0) {
                    firstDiff = b;
                }
                differing += x;
            }
            assertEquals(1, differing);
            assertTrue(firstDiff >= 34, "inside the IP payload, byte " + firstDiff);
            String note = Fates.notes(fate).get(0);
            int bit = Integer.parseInt(note.substring("corrupt bit ".length()));
            assertEquals(34 + bit / 8, firstDiff, note);
            assertTrue(Ipv4Packet.wrap(bad, 14, bad.length - 14).verifyChecksum(), "IP header untouched");
            int tcpLen = bad.length - 34;
            Ipv4Repr ip = Frames.decode(original).ip();
            assertFalse(TcpPacket.wrap(bad, 34, tcpLen).verifyChecksum(ip.src(), ip.dst()));
            assertNotEquals(WireError.OK, Frames.decode(bad).error(), "the receiver sees a broken segment");
        }
    }

    @Test
    void corruptNeverThrowsOnFramesWithoutIpPayload() {
        Rng rng = new Rng(10);
        Corrupt corrupt = Faults.corrupt(1);
        byte[] arp = Segments.arp();
        FrameFate fate = Fates.run(corrupt, rng, arp, 0);
        assertTrue(Fates.notes(fate).get(0).endsWith(" of ethernet payload"), Fates.notes(fate).toString());
        assertEquals(1, bitsDiffering(arp, fate.frame()));

        byte[] headerOnly = java.util.Arrays.copyOf(Segments.syn(), 20); // truncated IP header
        FrameFate truncated = Fates.run(corrupt, rng, headerOnly, 0);
        assertEquals(1, bitsDiffering(headerOnly, truncated.frame()));

        byte[] tiny = {1, 2, 3};
        assertTrue(Fates.notes(Fates.run(corrupt, rng, tiny, 0)).get(0).endsWith(" of frame"));
        FrameFate empty = Fates.run(corrupt, rng, new byte[0], 0);
        assertNull(Fates.describe(empty), "nothing to flip, nothing noted");
        assertEquals(0.0, countCorrupted(Faults.corrupt(0), 1000));
        assertEquals(0.1, countCorrupted(Faults.corrupt(0.1), 100_000), 0.005);
    }

    private static double countCorrupted(Corrupt corrupt, int n) {
        Rng rng = new Rng(11);
        int c = 0;
        byte[] frame = Segments.ack(7);
        for (int i = 0; i < n; i++) {
            c += Fates.run(corrupt, rng, frame, 0).frame() != frame ? 1 : 0;
        }
        return c / (double) n;
    }

    private static int bitsDiffering(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return n;
    }

    @Test
    void reorderWithGapSendsEveryNthFrameEarly() {
        Reorder reorder = Faults.reorder(Faults.delay(10 * MS), 1.0, 5);
        Rng rng = new Rng(12);
        List<Integer> early = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            FrameFate f = Fates.run(reorder, rng, Segments.ack(i), 0);
            if (Fates.extraDelay(f) == 0) {
                early.add(i);
                assertEquals(List.of("reorder: sent early (gap 5)"), Fates.notes(f));
            } else {
                assertEquals(10 * MS, Fates.extraDelay(f));
                assertEquals(List.of("delay +10.000ms"), Fates.notes(f));
            }
        }
        assertEquals(List.of(5, 10, 15, 20), early);
        assertEquals("delay 10.000ms reorder 100% gap 5", reorder.toString());
    }

    @Test
    void reorderProbabilityAppliesOnlyOutsideTheGap() {
        // gap 3, p 50%: after an early frame the next two are always delayed
        Reorder reorder = Faults.reorder(Faults.delay(10 * MS), 0.5, 3);
        Rng rng = new Rng(13);
        List<Boolean> early = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            early.add(Fates.extraDelay(Fates.run(reorder, rng, Segments.ack(1), 0)) == 0);
        }
        int sinceEarly = 0;
        int eligible = 0;
        int sentEarly = 0;
        for (boolean e : early) {
            if (sinceEarly >= 2) {
                eligible++;
                sentEarly += e ? 1 : 0;
            } else {
                assertFalse(e, "inside the gap a frame is never early");
            }
            sinceEarly = e ? 0 : sinceEarly + 1;
        }
        assertEquals(0.5, sentEarly / (double) eligible, 0.01);
        assertFalse(early.get(0) || early.get(1));

        // gap 1 (iproute2 default): every frame early with probability p
        Reorder plain = Faults.reorder(Faults.delay(10 * MS), 0.25);
        long n = 0;
        for (int i = 0; i < 50_000; i++) {
            n += Fates.extraDelay(Fates.run(plain, rng, Segments.ack(1), 0)) == 0 ? 1 : 0;
        }
        assertEquals(0.25, n / 50_000.0, 0.01);
    }

    @Test
    void linkDownDropsExactlyInsideItsWindow() {
        LinkDown down = Faults.down(2_000 * MS, 5_000 * MS);
        Rng rng = new Rng(14);
        assertFalse(Fates.dropped(Fates.run(down, rng, Segments.syn(), 2_000 * MS - 1)));
        FrameFate first = Fates.run(down, rng, Segments.syn(), 2_000 * MS);
        assertTrue(Fates.dropped(first));
        assertEquals(List.of("link down 2.000s–5.000s"), Fates.notes(first));
        assertTrue(Fates.dropped(Fates.run(down, rng, Segments.arp(), 5_000 * MS - 1)), "ARP too");
        assertFalse(Fates.dropped(Fates.run(down, rng, Segments.syn(), 5_000 * MS)));
        assertFalse(Fates.dropped(Fates.run(Faults.down(0, 0), rng, Segments.syn(), 0)), "empty window");
    }
}
