package dev.tcplab.stack.wire;

import dev.tcplab.stack.pcap.PcapReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzzing of the receive-side decoders: random and mutated reference frames through
 * Frames.decode, every view's check() (and its getters after OK) and TcpOptions.parse.
 * Nothing may throw; option areas must re-emit byte for byte; every WireError must be reached.
 */
class WireFuzzTest {
    private static final long SEED = 0x7c91a_2024L;
    private static final int FRAMES = 1_000_000;
    private static final int ETH = EthernetFrame.HEADER_LEN;

    @Test
    void nothingEscapesAndEveryErrorIsReached() {
        List<byte[]> pool = seedFrames();
        SplittableRandom random = new SplittableRandom(SEED);
        Map<WireError, Integer> seen = new EnumMap<>(WireError.class);
        long checksum = 0;
        byte[] optionsOut = new byte[TcpOptions.MAX_LENGTH];
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = i % 5 == 0 ? randomFrame(random) : mutate(pool.get(random.nextInt(pool.size())), random);
            try {
                DecodedFrame decoded = Frames.decode(frame);
                seen.merge(decoded.error(), 1, Integer::sum);
                checksum += decoded.summary().length();
                checksum += exerciseViews(frame, random);

                int off = random.nextInt(-2, frame.length + 3);
                int len = random.nextInt(-2, 48);
                TcpOptions options = TcpOptions.parse(frame, off, len);
                checksum += options.tcpdump().length();
                if (off >= 0 && len > 0 && off + len <= frame.length && len <= TcpOptions.MAX_LENGTH) {
                    // parse -> emit reproduces any option area exactly (then zero padding to 4)
                    Arrays.fill(optionsOut, (byte) 0x77);
                    options.emit(optionsOut, 0);
                    assertEquals((len + 3) & ~3, options.length());
                    assertTrue(Arrays.equals(frame, off, off + len, optionsOut, 0, len),
                            () -> "options re-emit differs for " + Arrays.toString(Arrays.copyOfRange(frame, off, off + len)));
                }
            } catch (RuntimeException | AssertionError e) {
                fail("frame " + i + " " + Arrays.toString(frame) + " threw " + e, e);
            }
        }
        assertTrue(checksum > 0);
        for (WireError error : WireError.values()) {
            assertTrue(seen.getOrDefault(error, 0) > 0, "fuzz never produced " + error + "; seen " + seen);
        }
    }

    @Test
    void sameSeedSameFrames() {
        List<byte[]> pool = seedFrames();
        SplittableRandom a = new SplittableRandom(SEED);
        SplittableRandom b = new SplittableRandom(SEED);
        for (int i = 0; i < 1000; i++) {
            assertArrayEquals(mutate(pool.get(i % pool.size()), a), mutate(pool.get(i % pool.size()), b));
        }
    }

    /** Runs every view over the frame and, when check() is OK, all its getters. */
    private static long exerciseViews(byte[] frame, SplittableRandom random) {
        long acc = 0;
        EthernetFrame eth = EthernetFrame.wrap(frame);
        if (eth.check() == WireError.OK) {
            acc += eth.etherType() + eth.src().bits() + eth.dst().bits() + eth.payloadLength();
            ArpRepr arp = ArpRepr.parse(frame, eth.payloadOffset(), eth.payloadLength());
            acc += arp == null ? 0 : arp.operation();
        }
        // both the right offset and a random (possibly absurd) region
        int[][] regions = {{ETH, frame.length - ETH}, {random.nextInt(-3, frame.length + 3), random.nextInt(-3, 80)}};
        for (int[] r : regions) {
            Ipv4Packet ip = Ipv4Packet.wrap(frame, r[0], r[1]);
            WireError ipError = ip.check();
            acc += ipError.ordinal();
            if (ipError == WireError.OK) {
                acc += ip.version() + ip.headerLength() + ip.tos() + ip.totalLength() + ip.ident() + ip.ttl()
                        + ip.protocol() + ip.checksum() + ip.src().bits() + ip.dst().bits() + ip.fragmentOffset()
                        + (ip.dontFragment() ? 1 : 0) + (ip.moreFragments() ? 1 : 0);
                assertTrue(ip.verifyChecksum());
                assertFalse(ip.payloadLength() < 0 || ip.payloadOffset() + ip.payloadLength() > frame.length);
                acc += Ipv4Repr.parse(ip).payloadLength();
                acc += exerciseTcp(TcpPacket.wrap(frame, ip.payloadOffset(), ip.payloadLength()), ip);
            }
            acc += exerciseTcp(TcpPacket.wrap(frame, r[0], r[1]), null);
        }
        return acc;
    }

    private static long exerciseTcp(TcpPacket tcp, Ipv4Packet ip) {
        long acc = tcp.check().ordinal();
        if (tcp.check() == WireError.OK) {
            acc += tcp.srcPort() + tcp.dstPort() + tcp.seq() + tcp.ack() + tcp.headerLength() + tcp.flags()
                    + tcp.window() + tcp.checksum() + tcp.urgent() + tcp.payloadLength();
            assertTrue(tcp.payloadLength() >= 0);
            TcpRepr repr = TcpRepr.parse(tcp);
            acc += repr.length() + repr.segmentLength();
            if (ip != null) {
                acc += tcp.verifyChecksum(ip.src(), ip.dst()) ? 1 : 0;
            }
        }
        return acc;
    }

    private static byte[] randomFrame(SplittableRandom random) {
        byte[] frame = new byte[random.nextInt(0, 100)];
        random.nextBytes(frame);
        if (frame.length > 14 && random.nextBoolean()) {
            // mostly-plausible headers reach the deeper layers more often
            frame[12] = 0x08;
            frame[13] = random.nextInt(4) == 0 ? (byte) 0x06 : 0x00;
            if (frame.length > 15) {
                frame[14] = (byte) (0x40 | random.nextInt(4, 16));
            }
        }
        return frame;
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] frame = original.clone();
        int mutations = random.nextInt(1, 5);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(7)) {
                case 0 -> { // flip one byte anywhere
                    if (frame.length > 0) {
                        frame[random.nextInt(frame.length)] ^= (byte) random.nextInt(1, 256);
                    }
                }
                case 1 -> { // a header field that steers parsing: version/ihl, lengths, doff, option bytes
                    int[] hot = {12, 13, 14, 16, 17, 20, 21, 46, 47, 54, 55, 56, 57, 58, 59, 60, 61};
                    int at = hot[random.nextInt(hot.length)];
                    if (at < frame.length) {
                        frame[at] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> frame = Arrays.copyOf(frame, random.nextInt(0, frame.length + 1)); // truncate
                case 3 -> { // extend with random bytes
                    int old = frame.length;
                    frame = Arrays.copyOf(frame, old + random.nextInt(1, 40));
                    for (int i = old; i < frame.length; i++) {
                        frame[i] = (byte) random.nextInt(256);
                    }
                }
                case 4 -> { // fill the TCP option area with random bytes
                    for (int i = 54; i < Math.min(frame.length, 74); i++) {
                        frame[i] = (byte) random.nextInt(256);
                    }
                }
                case 5 -> { // a random option kind/length pair inside the options
                    if (frame.length > 56) {
                        int at = random.nextInt(54, frame.length - 1);
                        frame[at] = (byte) random.nextInt(0, 10);
                        frame[at + 1] = (byte) random.nextInt(0, 12);
                    }
                }
                default -> { // IPv4 total length to a random value, half the time with the header checksum fixed
                    if (frame.length > 17) {
                        frame[16] = (byte) random.nextInt(0, 2);
                        frame[17] = (byte) random.nextInt(256);
                        int ihl = (frame[ETH] & 0x0f) * 4;
                        if (random.nextBoolean() && ihl >= 20 && ETH + ihl <= frame.length) {
                            frame[ETH + 10] = 0;
                            frame[ETH + 11] = 0;
                            int cs = Checksum.compute(frame, ETH, ihl);
                            frame[ETH + 10] = (byte) (cs >>> 8);
                            frame[ETH + 11] = (byte) cs;
                        }
                    }
                }
            }
        }
        return frame;
    }

    private static List<byte[]> seedFrames() {
        List<byte[]> pool = new ArrayList<>();
        for (String name : ReferenceCaptures.names()) {
            for (PcapReader.Record r : ReferenceCaptures.capture(name).records()) {
                pool.add(r.data());
            }
        }
        pool.add(MalformedInputTest.arpRequest());
        pool.add(MalformedInputTest.goodSyn());
        assertNotNull(pool.get(0));
        return pool;
    }
}
