package dev.tcplab.lab.boundary;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Length-prefixed frames: a 4-byte big-endian length, then that many bytes, at most a set maximum. */
public final class Frames {
    private Frames() {}

    /** A frame longer than the reader allows, or a negative length: the stream cannot be trusted further. */
    public static final class TooLong extends IOException {
        public TooLong(String message) {
            super(message);
        }
    }

    public static void write(OutputStream out, byte[] frame) throws IOException {
        int n = frame.length;
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(frame);
        out.flush();
    }

    /** The next frame, or null at a clean end of the stream (no partial length). */
    public static byte[] read(InputStream in, int max) throws IOException {
        byte[] len = new byte[4];
        int got = in.readNBytes(len, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException("the stream ended inside a frame's length");
        }
        int n = ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
        if (n < 0 || n > max) {
            throw new TooLong("a frame of " + Integer.toUnsignedString(n) + " bytes (at most " + max + " allowed)");
        }
        byte[] frame = new byte[n];
        // readNBytes(byte[], int, int): FileInputStream's readNBytes(int) seeks, and a pipe cannot (JDK 17)
        if (in.readNBytes(frame, 0, n) < n) {
            throw new EOFException("the stream ended inside a frame");
        }
        return frame;
    }
}
