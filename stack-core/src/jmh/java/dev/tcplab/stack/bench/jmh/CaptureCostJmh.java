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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracing and pcap cost: the handshake connection with capture off and on, each iteration
 * on a fresh network (a captured network keeps every event and frame, so one network per fork
 * would grow without bound). The ratio of the two scores is the figure (target: on ≤ 1.5× off).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class CaptureCostJmh {
    @Param({"false", "true"})
    public boolean capture;

    private HandshakeRig rig;

    @Setup(Level.Iteration)
    public void setUp() {
        rig = new HandshakeRig(capture);
    }

    @Benchmark
    public void connection() {
        rig.connection();
    }
}
