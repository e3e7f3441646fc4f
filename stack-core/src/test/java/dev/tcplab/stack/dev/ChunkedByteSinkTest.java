package dev.tcplab.stack.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tcplab.stack.sim.Rng;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The pcap sink gives back exactly the bytes written, across chunk boundaries of every kind. */
class ChunkedByteSinkTest {
    @Test
    void sameBytesAsAByteArrayOutputStream() {
        Rng rng = new Rng(5);
        ChunkedByteSink sink = new ChunkedByteSink();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        assertArrayEquals(new byte[0], sink.toByteArray());
        for (int i = 0; i < 3000; i++) {
            if (rng.nextInt(4) == 0) {
                int b = rng.nextInt(256);
                sink.write(b);
                expected.write(b);
            } else {
                byte[] chunk = new byte[rng.nextInt(i % 97 == 0 ? 70_000 : 300)];
                for (int j = 0; j < chunk.length; j++) {
                    chunk[j] = (byte) rng.nextInt(256);
                }
                int off = chunk.length == 0 ? 0 : rng.nextInt(chunk.length);
                sink.write(chunk, off, chunk.length - off);
                expected.write(chunk, off, chunk.length - off);
            }
        }
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
    }
}
