package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.function.Predicate;

/**
 * Ready predicates for targeted rules. All are null-safe: a frame without the layer asked about
 * (ARP, a frame that did not decode) simply does not match. TCP matchers also match a segment
 * whose checksum is bad (it still decodes), like iptables does.
 */
public final class Matchers {
    private Matchers() {}

    public static Matcher any() {
        return new Matcher("any", f -> true);
    }

    public static Matcher tcp() {
        return new Matcher("TCP", f -> f.tcp() != null);
    }

    /** A SYN without ACK (a connection request). */
    public static Matcher syn() {
        return flags(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.SYN).named("SYN");
    }

    /** SYN and ACK both set. */
    public static Matcher synAck() {
        return flags(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.SYN | TcpFlags.ACK).named("SYN-ACK");
    }

    /** ACK set, no SYN/FIN/RST, no payload. */
    public static Matcher pureAck() {
        return new Matcher("ACK", f -> f.tcp() != null
                && (f.tcp().flags() & (TcpFlags.ACK | TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) == TcpFlags.ACK
                && f.tcp().payload().length == 0);
    }

    public static Matcher rst() {
        return flags(TcpFlags.RST, TcpFlags.RST).named("RST");
    }

    public static Matcher fin() {
        return flags(TcpFlags.FIN, TcpFlags.FIN).named("FIN");
    }

    /** A TCP segment carrying payload. */
    public static Matcher data() {
        return new Matcher("data", f -> f.tcp() != null && f.tcp().payload().length > 0);
    }

    /** TCP with (flags & mask) == value, e.g. flags(SYN|ACK, SYN). */
    public static Matcher flags(int mask, int value) {
        return new Matcher("flags " + TcpFlags.letters(mask) + "=" + TcpFlags.letters(value),
                f -> f.tcp() != null && (f.tcp().flags() & mask) == value);
    }

    public static Matcher from(Ipv4Address src) {
        return new Matcher("from " + src, f -> f.ip() != null && f.ip().src().equals(src));
    }

    public static Matcher from(String src) {
        return from(Ipv4Address.parse(src));
    }

    public static Matcher to(Ipv4Address dst) {
        return new Matcher("to " + dst, f -> f.ip() != null && f.ip().dst().equals(dst));
    }

    public static Matcher to(String dst) {
        return to(Ipv4Address.parse(dst));
    }

    public static Matcher srcPort(int port) {
        return new Matcher("sport " + port, f -> f.tcp() != null && f.tcp().srcPort() == port);
    }

    public static Matcher dstPort(int port) {
        return new Matcher("dport " + port, f -> f.tcp() != null && f.tcp().dstPort() == port);
    }

    /** Any test on the TCP segment, named; false for frames without one. */
    public static Matcher tcp(String name, Predicate<TcpRepr> test) {
        return new Matcher(name, f -> f.tcp() != null && test.test(f.tcp()));
    }

    /** Names a predicate (e.g. a Kotlin lambda) for notes. */
    public static Matcher named(String name, Predicate<? super DecodedFrame> test) {
        return new Matcher(name, test);
    }

    @SafeVarargs
    public static Matcher allOf(Predicate<? super DecodedFrame>... all) {
        Matcher m = any();
        for (int i = 0; i < all.length; i++) {
            m = i == 0 ? Matcher.of(all[0]) : m.and(all[i]);
        }
        return m;
    }

    @SafeVarargs
    public static Matcher anyOf(Predicate<? super DecodedFrame>... any) {
        if (any.length == 0) {
            return new Matcher("none", f -> false);
        }
        Matcher m = Matcher.of(any[0]);
        for (int i = 1; i < any.length; i++) {
            m = m.or(any[i]);
        }
        return m;
    }

    public static Matcher not(Predicate<? super DecodedFrame> p) {
        return Matcher.of(p).negate();
    }
}
