package dev.tcplab.stack.packetdrill;

/**
 * When an event happens: {@code 0.1} (absolute), {@code +0.1} (after the previous event),
 * {@code *} (any time), {@code 0.1~0.2} / {@code +0.1~+0.2} (a range). Microseconds.
 */
record TimeSpec(Type type, long startUsecs, long endUsecs) {
    enum Type { ABSOLUTE, RELATIVE, ANY, ABSOLUTE_RANGE, RELATIVE_RANGE }

    boolean relative() {
        return type == Type.RELATIVE || type == Type.RELATIVE_RANGE;
    }

    boolean range() {
        return type == Type.ABSOLUTE_RANGE || type == Type.RELATIVE_RANGE;
    }
}
