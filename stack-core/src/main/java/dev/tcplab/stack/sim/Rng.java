package dev.tcplab.stack.sim;

import java.util.SplittableRandom;

/**
 * The one source of randomness. Every consumer gets its own stream split off by name, so adding
 * a random draw in one place does not shift the values another place sees.
 */
public final class Rng {
    private final long seed;
    private final SplittableRandom random;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    private Rng(long seed, SplittableRandom random) {
        this.seed = seed;
        this.random = random;
    }

    public long seed() {
        return seed;
    }

    /** An independent stream for a named purpose (e.g. "host:client"), stable across runs. */
    public Rng fork(String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        return new Rng(seed, new SplittableRandom(h ^ (h >>> 29)));
    }

    public long nextLong() {
        return random.nextLong();
    }

    public int nextInt() {
        return random.nextInt();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public void nextBytes(byte[] b) {
        random.nextBytes(b);
    }
}
