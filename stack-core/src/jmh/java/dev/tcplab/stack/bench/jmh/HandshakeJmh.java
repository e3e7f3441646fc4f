package dev.tcplab.stack.bench.jmh;

import dev.tcplab.stack.bench.HandshakeRig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full connection per operation ({@link HandshakeRig}: connect, accept, 5 bytes each way,
 * close both, 10 ms of virtual time), on one network that lives for the whole fork, so the
 * measurement sees the steady state (~6,000 TIME_WAIT sockets per side, ports wrapping).
 * Warm-up runs until well past that state (60 s virtual = 6,000 connections) and C2.
 * The JVM's default heap, as the documented mains have: the TIME_WAIT socks live long enough
 * to be promoted and die old, and a 1 GiB heap (-Xmx1g) halved the score in GC work
 * (~2,000-2,500 against ~4,800 connections/s, back to back on the loaded machine).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeJmh {
    private HandshakeRig rig;

    /** Trace and pcap off: they would measure the log ({@link CaptureCostJmh} measures them). */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new HandshakeRig(false);
    }

    @Benchmark
    public void connection() {
        rig.connection();
    }
}
