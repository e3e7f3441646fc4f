package dev.tcplab.lab.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259), so the reports need no JSON library. Output is a
 * pure function of the calls made: same calls, same bytes. {@code pretty} indents by two spaces;
 * compact output never contains a raw line break (the grading worker relies on one record a line).
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    /** Per open container: true once it holds a member, so the next one needs a comma. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter name(String name) {
        beforeValue();
        quote(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    /** Whole numbers without a fraction ("2", not "2.0"); NaN and infinities, which JSON lacks, as null. */
    public JsonWriter value(double d) {
        beforeValue();
        out.append(number(d));
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, double v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** Escapes per RFC 8259 section 7; also U+2028/2029 so the text is safe inside a script tag. */
    public static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A lone surrogate cannot be encoded as UTF-8; escape it so the file stays valid. */
    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private void quote(String s) {
        out.append(quoted(s));
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] top = open.peek();
        if (top != null) {
            if (top[0]) {
                out.append(',');
            }
            top[0] = true;
            newline(open.size());
        }
    }

    private JsonWriter close(char c) {
        boolean[] top = open.pop();
        if (top[0]) {
            newline(open.size());
        }
        out.append(c);
        return this;
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }
}
