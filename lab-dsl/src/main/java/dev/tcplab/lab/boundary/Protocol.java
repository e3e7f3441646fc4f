package dev.tcplab.lab.boundary;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The messages, each one frame whose first byte is its kind.
 *
 * <pre>
 * submission process -> grader      grader -> submission process
 *   READY version                     LOAD id file interface
 *   LOADED id                         CALL id method [paramType...] [arg...]
 *   LOAD_FAILED message line column
 *   RETURN value
 *   THREW exceptionClass message file line
 * </pre>
 *
 * READY is written by toolkit code before any submission file is read, so a process that never
 * says READY failed to start (the sandbox or the JVM), not because of the submission.
 */
public final class Protocol {
    public static final int VERSION = 1;

    public static final byte READY = 'R';
    public static final byte LOAD = 'L';
    public static final byte LOADED = 'l';
    public static final byte LOAD_FAILED = 'f';
    public static final byte CALL = 'C';
    public static final byte RETURN = 'r';
    public static final byte THREW = 't';

    private Protocol() {}

    /** Builds one message: its kind, then what the writer adds. */
    public static byte[] message(byte kind, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(kind);
            body.write(out);
            out.flush();
        } catch (PlainData.NotPlainData e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes a message's fields. */
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }
}
