package dev.tcplab.stack.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace's list reads back what was added, in order, across chunks. */
class AppendOnlyListTest {
    @Test
    void readsLikeAnArrayList() {
        AppendOnlyList<Integer> l = new AppendOnlyList<>();
        List<Integer> expected = new ArrayList<>();
        assertEquals(expected, l);
        for (int i = 0; i < 5000; i++) {
            l.add(i * 7);
            expected.add(i * 7);
        }
        assertEquals(expected, l);
        assertEquals(5000, l.size());
        assertEquals(1023 * 7, l.get(1023));
        assertEquals(1024 * 7, l.get(1024));
        assertEquals(List.of(7168, 7175), l.subList(1024, 1026));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5000));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(-1));
    }
}
