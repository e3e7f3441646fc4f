package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Static factories that read like tc-netem and iptables. Probabilities are fractions (0.1 =
 * netem's 10%), times are virtual nanoseconds. Add the result to a link direction:
 * {@code link.a().faults().add(Faults.drop(Matchers.synAck()).first(2))}.
 */
public final class Faults {
    private Faults() {}

    /** netem {@code loss p}. */
    public static Loss loss(double p) {
        return new Loss(p);
    }

    /** netem {@code loss p c}. */
    public static Loss loss(double p, double correlation) {
        return new Loss(p, correlation);
    }

    /** netem {@code loss gemodel p r}: lose every frame in Bad, none in Good. */
    public static GilbertElliott gilbertElliott(double p, double r) {
        return new GilbertElliott(p, r);
    }

    /** netem {@code loss gemodel p r 1-h 1-k}. */
    public static GilbertElliott gilbertElliott(double p, double r, double lossInBad, double lossInGood) {
        return new GilbertElliott(p, r, lossInBad, lossInGood);
    }

    /** netem {@code delay d}. */
    public static Delay delay(long nanos) {
        return new Delay(nanos);
    }

    /** netem {@code delay d j} (uniform jitter). */
    public static Delay delay(long nanos, long jitterNanos) {
        return new Delay(nanos, jitterNanos);
    }

    /** netem {@code delay d j distribution ...}. */
    public static Delay delay(long nanos, long jitterNanos, Delay.Distribution distribution) {
        return new Delay(nanos, jitterNanos, distribution);
    }

    /** netem {@code duplicate p}. */
    public static Duplicate duplicate(double p) {
        return new Duplicate(p);
    }

    /** netem {@code corrupt p}. */
    public static Corrupt corrupt(double p) {
        return new Corrupt(p);
    }

    /** netem {@code delay ... reorder p} (gap 1: every frame goes early with probability p). */
    public static Reorder reorder(Delay delay, double p) {
        return new Reorder(delay, p, 0, 1);
    }

    /** netem {@code delay ... reorder p gap N}. */
    public static Reorder reorder(Delay delay, double p, int gap) {
        return new Reorder(delay, p, 0, gap);
    }

    /** netem {@code delay ... reorder p c gap N}. */
    public static Reorder reorder(Delay delay, double p, double correlation, int gap) {
        return new Reorder(delay, p, correlation, gap);
    }

    /** tc {@code tbf rate R burst B latency L}: shape to rateBitsPerSecond, drop what would queue longer than latency. */
    public static TokenBucket tbf(long rateBitsPerSecond, long burstBytes, long latencyNanos) {
        return new TokenBucket(rateBitsPerSecond, burstBytes, latencyNanos);
    }

    /** A partition: drop everything while fromNanos <= now < toNanos. */
    public static LinkDown down(long fromNanos, long toNanos) {
        return new LinkDown(fromNanos, toNanos);
    }

    /** iptables {@code -j DROP}: every match unless narrowed ({@code .first(2)}, {@code .nth(3)}, ...). */
    public static Match drop(Predicate<? super DecodedFrame> match) {
        return new Match(match, Match.DROP, Match.Selector.EVERY);
    }

    /** Holds matching frames back by nanos (on top of other delays). */
    public static Match delay(Predicate<? super DecodedFrame> match, long nanos) {
        return new Match(match, Match.delay(nanos), Match.Selector.EVERY);
    }

    /** Delivers matching frames twice. */
    public static Match duplicate(Predicate<? super DecodedFrame> match) {
        return new Match(match, Match.DUPLICATE, Match.Selector.EVERY);
    }

    /** Breaks the TCP checksum of matching TCP frames (one checksum byte flipped, nothing recomputed). */
    public static Match corruptChecksum(Predicate<? super DecodedFrame> match) {
        return new Match(match, Match.CORRUPT_CHECKSUM, Match.Selector.EVERY);
    }

    /** Re-emits matching TCP segments edited by {@code edit}, with correct checksums. */
    public static Match rewrite(Predicate<? super DecodedFrame> match, UnaryOperator<TcpRepr> edit) {
        return new Match(match, Match.rewrite(edit), Match.Selector.EVERY);
    }
}
