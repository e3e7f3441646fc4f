package dev.tcplab.lab.report;

import java.util.Locale;

/** Escaping and number formats shared by the HTML and XML writers (Locale.ROOT: same bytes everywhere). */
final class Html {
    private Html() {}

    /** Escapes text for element content and double-quoted attributes (HTML, SVG and XML alike). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even as references: show them as U+FFFD
                    boolean bad = c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                        || Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                        || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    b.append(bad ? '\uFFFD' : c);
                }
            }
        }
        return b.toString();
    }

    /** Virtual time in seconds with nanosecond digits: 1.500000000. */
    static String seconds9(long nanos) {
        return String.format(Locale.ROOT, "%.9f", nanos / 1e9);
    }

    /** Virtual time for people: 1.500000 s. */
    static String seconds6(long nanos) {
        return String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
    }

    /** A duration between events, in the unit that reads best. */
    static String span(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f µs", nanos / 1e3);
    }

    static String points(double p) {
        return JsonWriter.number(p);
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
