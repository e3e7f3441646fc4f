package dev.tcplab.stack.dev.fault;

import java.util.Locale;

/** How faults spell times and probabilities in notes and toString (tc-like: "10.000ms", "25%"). */
final class Notation {
    private Notation() {}

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** 0.1 → "10%", 0.125 → "12.5%". */
    static String percent(double p) {
        String s = String.format(Locale.ROOT, "%.4f", p * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    static String ordinal(long n) {
        long mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch ((int) (n % 10)) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    static double probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], got " + p);
        }
        return p;
    }

    static long nonNegative(String what, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + nanos + "ns");
        }
        return nanos;
    }
}
