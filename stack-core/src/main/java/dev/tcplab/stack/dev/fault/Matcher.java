package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.wire.DecodedFrame;
import java.util.function.Predicate;

/**
 * A predicate over decoded frames with a name for notes ("SYN-ACK from 192.0.2.2"). Combining
 * keeps the name: {@code and} joins with a space (reads like a tcpdump filter), {@code or} and
 * {@code negate} spell themselves out.
 */
public final class Matcher implements Predicate<DecodedFrame> {
    private final String name;
    private final Predicate<? super DecodedFrame> test;

    public Matcher(String name, Predicate<? super DecodedFrame> test) {
        if (name == null || test == null) {
            throw new IllegalArgumentException("a matcher needs a name and a predicate");
        }
        this.name = name;
        this.test = test;
    }

    /** The given predicate as a Matcher: itself if it is one, else named "match". */
    public static Matcher of(Predicate<? super DecodedFrame> p) {
        return p instanceof Matcher m ? m : new Matcher("match", p);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean test(DecodedFrame frame) {
        return test.test(frame);
    }

    @Override
    public Matcher and(Predicate<? super DecodedFrame> other) {
        Matcher o = of(other);
        return new Matcher(name + " " + o.name, f -> test(f) && o.test(f));
    }

    @Override
    public Matcher or(Predicate<? super DecodedFrame> other) {
        Matcher o = of(other);
        return new Matcher("(" + name + " or " + o.name + ")", f -> test(f) || o.test(f));
    }

    @Override
    public Matcher negate() {
        return new Matcher("not " + name, f -> !test(f));
    }

    /** The same test under another name. */
    public Matcher named(String newName) {
        return new Matcher(newName, test);
    }

    @Override
    public String toString() {
        return name;
    }
}
