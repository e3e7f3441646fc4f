package dev.tcplab.stack.dev.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.WireError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults on a real Link: what arrives when, what the trace says, what the pcap keeps. */
class LinkFaultsTest {
    private static final long MS = 1_000_000;

    private record Arrival(long time, byte[] frame) {}

    private final EventLoop loop = new EventLoop();
    private final Trace trace = new Trace();
    private final Link link = new Link("ab", loop, trace, new Rng(31).fork("link:ab"), "A", Segments.MAC_A,
            "B", Segments.MAC_B);
    private final List<Arrival> atB = new ArrayList<>();
    private final List<Arrival> atA = new ArrayList<>();

    LinkFaultsTest() {
        link.setDelay(5 * MS);
        link.b().attach((dev, frame) -> atB.add(new Arrival(loop.now(), frame)));
        link.a().attach((dev, frame) -> atA.add(new Arrival(loop.now(), frame)));
    }

    private void sendFromA(long at, byte[] frame) {
        loop.schedule(at - loop.now(), () -> link.a().transmit(frame));
    }

    @Test
    void targetedDropDelayAndPartitionThroughTheLink() throws IOException {
        link.a().faults().add(Faults.down(1_000 * MS, 2_000 * MS));
        link.a().faults().add(Faults.drop(Matchers.syn()).first(1));
        link.a().faults().add(Faults.delay(Matchers.data(), 20 * MS));
        byte[] syn = Segments.syn();
        byte[] data = Segments.data(1001, "abc");
        sendFromA(0, syn);                    // dropped by the rule
        sendFromA(10 * MS, syn);              // second SYN passes: 5ms link delay
        sendFromA(20 * MS, data);             // +20ms rule delay
        sendFromA(1_500 * MS, Segments.ack(502)); // link down
        sendFromA(2_000 * MS, Segments.ack(503)); // up again at exactly 2s
        loop.runUntil(3_000 * MS);

        assertEquals(List.of(15 * MS, 45 * MS, 2_005 * MS), atB.stream().map(Arrival::time).toList());
        assertArrayEquals(syn, atB.get(0).frame());
        assertEquals(503, Frames.decode(atB.get(2).frame()).tcp().window());
        assertTrue(atA.isEmpty(), "faults act on A→B only");

        List<TraceEvent.Frame> events = trace.of(TraceEvent.Frame.class);
        assertEquals(5, events.size(), "every frame that entered is in the trace");
        assertEquals(List.of(false, true, true, false, true), events.stream().map(TraceEvent.Frame::delivered).toList());
        assertEquals("drop SYN #1 (first 1)", events.get(0).fault());
        assertNull(events.get(1).fault());
        assertEquals("delay data #1 (every) +20.000ms", events.get(2).fault());
        assertEquals("link down 1.000s–2.000s", events.get(3).fault());

        // capture happens before faults act: the dropped SYN and the ACK lost to the partition are there
        PcapReader.Capture capture = PcapReader.read(link.pcap(), "ab");
        assertEquals(5, capture.records().size());
        assertArrayEquals(syn, capture.records().get(0).data());
        assertEquals(0, capture.records().get(0).timeNanos());
        assertEquals(1_500 * MS, capture.records().get(3).timeNanos());
    }

    @Test
    void corruptedFrameIsDeliveredBrokenWhileThePcapKeepsTheOriginal() throws IOException {
        link.a().faults().add(Faults.corrupt(1));
        link.a().faults().add(Faults.duplicate(1));
        byte[] data = Segments.data(1001, "payload");
        sendFromA(0, data);
        loop.runUntil(100 * MS);

        assertEquals(2, atB.size(), "duplicated");
        assertEquals(List.of(5 * MS, 5 * MS), atB.stream().map(Arrival::time).toList());
        for (Arrival a : atB) {
            assertEquals(WireError.BAD_CHECKSUM, Frames.decode(a.frame()).error());
            assertFalse(java.util.Arrays.equals(data, a.frame()));
        }
        assertArrayEquals(data, PcapReader.read(link.pcap(), "ab").records().get(0).data());
        String note = trace.of(TraceEvent.Frame.class).get(0).fault();
        assertTrue(note.matches("corrupt bit \\d+; duplicate"), note);
    }

    @Test
    void jitterReordersFramesOnTheLink() {
        link.a().faults().add(Faults.delay(10 * MS, 10 * MS));
        for (int i = 0; i < 200; i++) {
            sendFromA(i * MS, Segments.ack(i));
        }
        loop.runUntil(1_000 * MS);
        assertEquals(200, atB.size());
        List<Integer> order = atB.stream().map(a -> Frames.decode(a.frame()).tcp().window()).toList();
        int inversions = 0;
        for (int i = 1; i < order.size(); i++) {
            inversions += order.get(i) < order.get(i - 1) ? 1 : 0;
        }
        assertTrue(inversions > 10, "jitter larger than the spacing reorders: " + inversions);
        for (Arrival a : atB) {
            int sentAtMs = Frames.decode(a.frame()).tcp().window();
            long extra = a.time() - sentAtMs * MS - 5 * MS;
            assertTrue(extra >= 0 && extra <= 20 * MS, "within d ± j: " + extra);
        }
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        assertEquals(lossyRun(7), lossyRun(7));
        assertFalse(lossyRun(7).equals(lossyRun(8)));
    }

    private static List<String> lossyRun(long seed) {
        EventLoop loop = new EventLoop();
        Trace trace = new Trace();
        Link link = new Link("ab", loop, trace, new Rng(seed), "A", Segments.MAC_A, "B", Segments.MAC_B);
        List<String> arrivals = new ArrayList<>();
        link.b().attach((dev, frame) -> arrivals.add(loop.now() + " " + Frames.decode(frame).summary()));
        link.a().faults().add(Faults.gilbertElliott(0.1, 0.4));
        link.a().faults().add(Faults.reorder(Faults.delay(3 * MS, 2 * MS), 0.2, 3));
        link.a().faults().add(Faults.corrupt(0.05));
        for (int i = 0; i < 300; i++) {
            int w = i;
            loop.schedule(i * MS, () -> link.a().transmit(Segments.ack(w)));
        }
        loop.runUntil(1_000 * MS);
        for (TraceEvent.Frame f : trace.of(TraceEvent.Frame.class)) {
            arrivals.add(f.time() + " " + f.delivered() + " " + f.fault());
        }
        return arrivals;
    }
}
