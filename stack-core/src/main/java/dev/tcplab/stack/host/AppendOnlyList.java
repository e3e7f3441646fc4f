package dev.tcplab.stack.host;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list that only grows, in fixed chunks: adding never copies what is already there (an
 * ArrayList of a long run's trace copied millions of references at every growth: 11 % of a
 * captured handshake benchmark's samples). Reads as any random-access list.
 */
final class AppendOnlyList<E> extends AbstractList<E> implements RandomAccess {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private final List<Object[]> chunks = new ArrayList<>();
    private int size;

    @Override
    public boolean add(E e) {
        if ((size & (CHUNK - 1)) == 0) {
            chunks.add(new Object[CHUNK]);
        }
        chunks.get(size >>> SHIFT)[size & (CHUNK - 1)] = e;
        size++;
        modCount++;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return (E) chunks.get(index >>> SHIFT)[index & (CHUNK - 1)];
    }

    @Override
    public int size() {
        return size;
    }
}
