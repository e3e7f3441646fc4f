package dev.tcplab.lab.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.tcp.Tcp;
import dev.tcplab.stack.wire.Ipv4Address;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Plain data crosses as it was, and bytes from the other side decode only into the type the reader expects. */
class PlainDataTest {
    record Segment(Ipv4Address src, int port, List<String> flags, byte[] payload) {}

    enum Verdict { ACCEPT, DROP }

    @SuppressWarnings("unused")
    private List<Segment> segments;

    private static Object roundTrip(Object value, Type type) throws Exception {
        return PlainData.decode(PlainData.encode(value), type);
    }

    @Test
    void valuesComeBackAsTheyWere() throws Exception {
        assertEquals(42, roundTrip(42, int.class));
        assertEquals(-7L, roundTrip(-7L, Long.class));
        assertEquals("héllo", roundTrip("héllo", String.class));
        assertEquals(Verdict.DROP, roundTrip(Verdict.DROP, Verdict.class));
        assertEquals(Ipv4Address.parse("192.0.2.1"), roundTrip(Ipv4Address.parse("192.0.2.1"), Ipv4Address.class));
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) roundTrip(new int[] {1, 2, 3}, int[].class));
        Type listOfSegments = getClass().getDeclaredField("segments").getGenericType();
        Segment s = new Segment(Ipv4Address.parse("198.51.100.7"), 80, Arrays.asList("S", null), new byte[] {1, 2});
        @SuppressWarnings("unchecked")
        List<Segment> back = (List<Segment>) roundTrip(List.of(s), listOfSegments);
        assertEquals(s.src(), back.get(0).src());
        assertEquals(Arrays.asList("S", null), back.get(0).flags());
        assertArrayEquals(s.payload(), back.get(0).payload());
        assertEquals(null, roundTrip(null, Integer.class));
    }

    @Test
    void theReaderDecidesTheType() throws Exception {
        byte[] anInt = PlainData.encode(7);
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(anInt, String.class));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(PlainData.encode(null), int.class));
        // a record arrives only where the reader expects that record, never where it expects anything
        byte[] record = PlainData.encode(Ipv4Address.parse("192.0.2.1"));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(record, Object.class));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(PlainData.encode(Verdict.ACCEPT), Object.class));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(PlainData.encode(Verdict.ACCEPT), String.class));
    }

    @Test
    void whatIsNotPlainDataDoesNotCross() {
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.encode(new Object()));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.encode(new StringBuilder("x")));
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.encode(Thread.currentThread()));
        assertFalse(PlainData.supports(Thread.class));
        assertFalse(PlainData.supports(java.util.function.Function.class));
        for (var m : Tcp.IsnHook.class.getMethods()) {
            for (Type t : m.getGenericParameterTypes()) {
                assertTrue(PlainData.supports(t), t.getTypeName());
            }
            assertTrue(PlainData.supports(m.getGenericReturnType()));
        }
    }

    @Test
    void hostileBytesAreRefusedWithoutHugeAllocationsOrCrashes() {
        // lengths that claim more than the frame holds
        byte[] hugeList = {12, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(hugeList, List.class));
        byte[] hugeString = {10, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(hugeString, String.class));
        byte[] deep = new byte[1000 * 5];
        for (int i = 0; i < 1000; i++) { // a list holding a list holding ... 1000 deep
            deep[i * 5] = 12;
            deep[i * 5 + 4] = 1;
        }
        assertThrows(PlainData.NotPlainData.class, () -> PlainData.decode(deep, List.class));
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) { // random bytes: decoded or refused, never anything else
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            try {
                PlainData.decode(b, Object.class);
                PlainData.decode(b, Ipv4Address.class);
            } catch (PlainData.NotPlainData refused) {
                // as it should be
            }
        }
    }
}
