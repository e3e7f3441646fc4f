package dev.tcplab.stack.dev.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Fates;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Packet;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpPacket;
import dev.tcplab.stack.wire.TcpRepr;
import dev.tcplab.stack.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targeted rules: exact selection by count, each action, and the Matchers' names and tests. */
class MatchTest {
    private final Rng rng = new Rng(21);

    private List<FrameFate> feed(Match rule, List<byte[]> frames) {
        List<FrameFate> fates = new ArrayList<>();
        for (byte[] f : frames) {
            fates.add(Fates.run(rule, rng, f, 0));
        }
        return fates;
    }

    /** A handshake where B retransmits its SYN-ACK three times, with an ARP in between. */
    private static List<byte[]> handshakeWithRetries() {
        return List.of(Segments.syn(), Segments.arp(), Segments.synAck(), Segments.synAck(), Segments.syn(),
                Segments.synAck(), Segments.ack(502));
    }

    @Test
    void dropTheFirstTwoSynAcksFromB() {
        Match rule = Faults.drop(Matchers.synAck().and(Matchers.from(Segments.B))).first(2);
        List<FrameFate> fates = feed(rule, handshakeWithRetries());
        assertEquals(List.of(false, false, true, true, false, false, false), fates.stream().map(Fates::dropped).toList());
        assertEquals(List.of("drop SYN-ACK from 192.0.2.2 #1 (first 2)"), Fates.notes(fates.get(2)));
        assertEquals(List.of("drop SYN-ACK from 192.0.2.2 #2 (first 2)"), Fates.notes(fates.get(3)));
        assertNull(Fates.describe(fates.get(5)), "the third SYN-ACK passes untouched");
        assertEquals(3, rule.matched());
        assertEquals("drop SYN-ACK from 192.0.2.2 (first 2)", rule.toString());
    }

    @Test
    void nthDropsOnlyThatOneAndBuildersStartAFreshCount() {
        Match every = Faults.drop(Matchers.synAck());
        Match second = every.nth(2);
        List<FrameFate> fates = feed(second, handshakeWithRetries());
        assertEquals(List.of(false, false, false, true, false, false, false), fates.stream().map(Fates::dropped).toList());
        assertEquals(List.of("drop SYN-ACK #2 (2nd)"), Fates.notes(fates.get(3)));
        assertEquals(0, every.matched());
        assertEquals(3, feed(every, handshakeWithRetries()).stream().filter(Fates::dropped).count());
        assertEquals("drop SYN-ACK #3 (every)", Fates.describe(feed(every.every(), List.of(Segments.synAck(),
                Segments.synAck(), Segments.synAck())).get(2)));
    }

    @Test
    void withProbabilityIsSeededAndNamed() {
        List<Boolean> a = dropsWithProbability(5);
        List<Boolean> b = dropsWithProbability(5);
        assertEquals(a, b);
        double rate = a.stream().filter(x -> x).count() / (double) a.size();
        assertEquals(0.3, rate, 0.02);
        FrameFate f = Fates.run(Faults.drop(Matchers.syn()).withProbability(1), rng, Segments.syn(), 0);
        assertEquals("drop SYN #1 (p=100%)", Fates.describe(f));
    }

    private static List<Boolean> dropsWithProbability(long seed) {
        Rng r = new Rng(seed);
        Match rule = Faults.drop(Matchers.pureAck()).withProbability(0.3);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            out.add(Fates.dropped(Fates.run(rule, r, Segments.ack(i), 0)));
        }
        return out;
    }

    @Test
    void corruptTheChecksumOfTheFirstDataSegment() {
        Match rule = Faults.corruptChecksum(Matchers.data()).first(1);
        byte[] first = Segments.data(1001, "GET / HTTP/1.0\r\n\r\n");
        List<FrameFate> fates = feed(rule, List.of(Segments.arp(), Segments.ack(502), first, Segments.data(1019, "more")));
        FrameFate hit = fates.get(2);
        assertFalse(Fates.dropped(hit));
        byte[] bad = hit.frame();
        assertEquals(first.length, bad.length);
        assertTrue(Ipv4Packet.wrap(bad, 14, bad.length - 14).verifyChecksum(), "only TCP's checksum is broken");
        assertFalse(TcpPacket.wrap(bad, 34, bad.length - 34).verifyChecksum(Segments.A, Segments.B));
        DecodedFrame d = Frames.decode(bad);
        assertEquals(WireError.BAD_CHECKSUM, d.error());
        assertEquals(Frames.decode(first).tcp(), d.tcp(), "every other byte is as sent");
        assertTrue(Fates.describe(hit).startsWith("corrupt checksum data #1 (first 1): tcp cksum 0x"), Fates.describe(hit));
        assertNull(Fates.describe(fates.get(3)));
        assertEquals(2, rule.matched(), "the ARP is not even considered");
    }

    @Test
    void rewriteTheWindowOfTheThirdAck() {
        Match rule = Faults.rewrite(Matchers.pureAck(), t -> new TcpRepr(t.srcPort(), t.dstPort(), t.seq(), t.ack(),
                t.flags(), 0, t.urgent(), t.options(), t.payload())).nth(3);
        List<FrameFate> fates = feed(rule, List.of(Segments.ack(502), Segments.data(1001, "x"), Segments.ack(503),
                Segments.ack(504), Segments.ack(505)));
        FrameFate hit = fates.get(3);
        DecodedFrame d = Frames.decode(hit.frame());
        assertEquals(WireError.OK, d.error(), "rewritten with correct checksums");
        assertEquals(0, d.tcp().window());
        assertEquals(Frames.decode(Segments.ack(504)).tcp().seq(), d.tcp().seq());
        assertEquals("rewrite ACK #3 (3rd): win 504->0", Fates.describe(hit));
        assertEquals(505, Frames.decode(fates.get(4).frame()).tcp().window());
    }

    @Test
    void delayAndDuplicateActions() {
        FrameFate delayed = Fates.run(Faults.delay(Matchers.syn(), 200_000_000).first(1), rng, Segments.syn(), 0);
        assertEquals(200_000_000, Fates.extraDelay(delayed));
        assertEquals("delay SYN #1 (first 1) +200.000ms", Fates.describe(delayed));
        FrameFate twice = Fates.run(Faults.duplicate(Matchers.fin()), rng,
                Segments.fromA(TcpFlags.FIN | TcpFlags.ACK, 1, 1, 1, null), 0);
        assertEquals(1, Fates.extraCopies(twice));
        assertEquals("duplicate FIN #1 (every)", Fates.describe(twice));
    }

    @Test
    void aThrowingPredicateGivesAClearError() {
        Match rule = Faults.drop(f -> f.tcp().has(TcpFlags.SYN)).named("syn-lambda");
        assertTrue(Fates.dropped(Fates.run(rule, rng, Segments.syn(), 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Fates.run(rule, rng, Segments.arp(), 0));
        assertTrue(e.getMessage().startsWith("rule 'drop syn-lambda (every)' failed on frame ARP, Request who-has"),
                e.getMessage());
    }

    @Test
    void matchersTellSegmentsApart() {
        DecodedFrame syn = Frames.decode(Segments.syn());
        DecodedFrame synAck = Frames.decode(Segments.synAck());
        DecodedFrame ack = Frames.decode(Segments.ack(1));
        DecodedFrame data = Frames.decode(Segments.data(1, "x"));
        DecodedFrame rst = Frames.decode(Segments.fromB(TcpFlags.RST | TcpFlags.ACK, 0, 1, 0, null));
        DecodedFrame arp = Frames.decode(Segments.arp());
        DecodedFrame garbage = Frames.decode(new byte[5]);

        assertEquals(List.of(true, false, false, false, false, false, false), test(Matchers.syn(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, true, false, false, false, false, false), test(Matchers.synAck(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, true, false, false, false, false), test(Matchers.pureAck(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, false, true, false, false, false), test(Matchers.data(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, false, false, true, false, false), test(Matchers.rst(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(true, true, true, true, true, false, false), test(Matchers.tcp(), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(true, false, true, true, false, false, false), test(Matchers.from("192.0.2.1"), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, true, false, false, true, false, false), test(Matchers.to(Segments.A), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, true, false, false, true, false, false), test(Matchers.srcPort(80), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(true, false, true, true, false, false, false), test(Matchers.dstPort(80), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(true, true, false, false, false, false, false),
                test(Matchers.flags(TcpFlags.SYN, TcpFlags.SYN), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(true, true, false, false, true, false, false),
                test(Matchers.anyOf(Matchers.syn(), Matchers.synAck(), Matchers.rst()), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, false, false, false, true, true),
                test(Matchers.not(Matchers.tcp()), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, true, true, false, false, false),
                test(Matchers.allOf(Matchers.from(Segments.A), Matchers.flags(TcpFlags.ACK, TcpFlags.ACK)), syn, synAck, ack, data, rst, arp, garbage));
        assertEquals(List.of(false, false, false, true, false, false, false),
                test(Matchers.tcp("seq 1", t -> t.seq() == 1), syn, synAck, ack, data, rst, arp, garbage));

        assertEquals("SYN-ACK from 192.0.2.2 dport 40000", Matchers.synAck().and(Matchers.from(Segments.B))
                .and(Matchers.dstPort(40000)).toString());
        assertEquals("(SYN or RST)", Matchers.syn().or(Matchers.rst()).toString());
        assertEquals("not TCP", Matchers.not(Matchers.tcp()).toString());
        assertEquals("flags SA=S", Matchers.flags(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.SYN).toString());
    }

    private static List<Boolean> test(Matcher m, DecodedFrame... frames) {
        List<Boolean> out = new ArrayList<>();
        for (DecodedFrame f : frames) {
            out.add(m.test(f));
        }
        return out;
    }

    @Test
    void badRuleParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Faults.drop(Matchers.syn()).first(0));
        assertThrows(IllegalArgumentException.class, () -> Faults.drop(Matchers.syn()).nth(-1));
        assertThrows(IllegalArgumentException.class, () -> Faults.drop(Matchers.syn()).withProbability(2));
        assertThrows(IllegalArgumentException.class, () -> Faults.drop(null));
        assertThrows(IllegalArgumentException.class, () -> Faults.rewrite(Matchers.syn(), null));
    }
}
