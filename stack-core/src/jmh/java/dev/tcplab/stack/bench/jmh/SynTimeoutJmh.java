package dev.tcplab.stack.bench.jmh;

import dev.tcplab.stack.bench.SynTimeoutScenario;
import dev.tcplab.stack.host.Network;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 134 s SYN-timeout lab scenario ({@link SynTimeoutScenario}) per operation: build the two
 * hosts, the link and the DROP rule, connect, run to ETIMEDOUT, trace and pcap on — what a lab
 * run does. Sampled (each call timed): on a shared machine the mean is dominated by a few
 * descheduled calls, the percentiles are not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SynTimeoutJmh {
    @Benchmark
    public Network scenario() {
        return SynTimeoutScenario.run();
    }
}
