package dev.tcplab.stack.bench.jmh;

import dev.tcplab.stack.bench.SynFloodRig;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole 1,000,000-SYN cookie flood as one operation ({@link SynFloodRig}), single shot: the
 * spoofed frames are built once per fork and each iteration floods a fresh network (built in
 * the iteration's setup, outside the time). The teardown checks the legitimate client got in
 * and the request queue stayed within backlog + 1, so a fast wrong flood fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 6)
@Fork(1)
public class SynFloodJmh {
    @Param({"1000000"})
    public int syns;

    private byte[][] frames;
    private SynFloodRig rig;

    @Setup(Level.Trial)
    public void frames() {
        frames = SynFloodRig.frames(syns);
    }

    @Setup(Level.Iteration)
    public void network() {
        rig = new SynFloodRig();
    }

    @Benchmark
    public SynFloodRig flood() {
        rig.flood(frames);
        return rig;
    }

    @TearDown(Level.Iteration)
    public void check() {
        boolean[] dataOk = new boolean[1];
        rig.acceptLegit(dataOk);
        int backlog = rig.listener.sock().maxAckBacklog();
        if (!dataOk[0] || rig.maxQlen > backlog + 1) {
            throw new IllegalStateException("flood went wrong: data " + dataOk[0] + ", max qlen " + rig.maxQlen);
        }
    }
}
