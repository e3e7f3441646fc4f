package dev.tcplab.lab.sandbox;

import dev.tcplab.lab.boundary.Frames;
import dev.tcplab.lab.boundary.Protocol;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stand-in for the sandboxed submission JVM that speaks the protocol's first words and only
 * waits: READY at once, then every LOAD answered with LOADED after {@code args[0]} ms of sleep
 * (no CPU). For SubmissionProcessLimitsTest; never part of a grading.
 */
public final class FakeSubmission {
    private FakeSubmission() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        long sleepMs = Long.parseLong(args[0]);
        OutputStream out = System.out;
        Frames.write(out, Protocol.message(Protocol.READY, o -> o.writeInt(1)));
        out.flush();
        for (byte[] f = Frames.read(System.in, 1 << 20); f != null; f = Frames.read(System.in, 1 << 20)) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(f));
            if (in.readByte() == Protocol.LOAD) {
                int id = in.readInt();
                Thread.sleep(sleepMs);
                Frames.write(out, Protocol.message(Protocol.LOADED, o -> o.writeInt(id)));
                out.flush();
            }
        }
    }
}
