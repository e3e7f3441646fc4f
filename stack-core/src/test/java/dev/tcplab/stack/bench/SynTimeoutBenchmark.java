package dev.tcplab.stack.bench;

import dev.tcplab.stack.host.Network;

/**
 * Wall time of the default SYN-timeout scenario ({@link SynTimeoutScenario}): the server's
 * INPUT chain drops every SYN, the client retransmits (tcp_syn_retries 6,
 * tcp_syn_linear_timeouts 4) until connect() fails with ETIMEDOUT. Trace and capture stay on
 * (it is a lab scenario: a student gets both).
 *
 * <pre>
 * mvn -q -pl stack-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.tcplab.stack.bench.SynTimeoutBenchmark [-Dexec.args="2000 20000"]
 * </pre>
 * Arguments: measured repetitions (default 2000) and warm-up runs before them (default 20000,
 * enough for C2 to compile the scenario's code); the first (cold) run is reported separately.
 */
public final class SynTimeoutBenchmark {
    private SynTimeoutBenchmark() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long t0 = BenchClock.wallNanos();
        Network first = SynTimeoutScenario.run();
        long cold = BenchClock.wallNanos() - t0;
        long[] result = SynTimeoutScenario.summary(first);
        System.out.printf("SYN timeout: connect() = ETIMEDOUT at %.3f s virtual, %d SYNs on the wire,"
                + " %d trace events; cold first run %.2f ms wall%n", result[0] / 1e9, result[1], result[2], cold / 1e6);
        for (int i = 0; i < warm; i++) {
            SynTimeoutScenario.run();
        }
        long[] each = new long[reps];
        for (int i = 0; i < reps; i++) {
            long s = BenchClock.wallNanos();
            SynTimeoutScenario.run();
            each[i] = BenchClock.wallNanos() - s;
        }
        java.util.Arrays.sort(each);
        long sum = 0;
        for (long e : each) {
            sum += e;
        }
        System.out.printf("SYN timeout: %d warm runs, %.1f us wall each (min %.1f, median %.1f, max %.1f us; after %d"
                + " warm-up runs)%n", reps, sum / 1e3 / reps, each[0] / 1e3, each[reps / 2] / 1e3,
                each[reps - 1] / 1e3, warm);
        System.out.println("machine: " + BenchClock.machine());
    }
}
