package dev.tcplab.stack.packetdrill;

import java.util.List;

/** One timed line of a script. */
sealed interface Event {
    int line();

    TimeSpec time();

    /** {@code < ...} or {@code > ...}. */
    record Packet(int line, TimeSpec time, PacketSpec packet) implements Event {}

    /**
     * {@code connect(3, ..., ...) = -1 EINPROGRESS (note)}; {@code endUsecs} is the {@code ...t}
     * blocking end time (-1 when the call must return at once), {@code errno} null when not given.
     */
    record Syscall(int line, TimeSpec time, long endUsecs, String name, List<Expr> args, Expr result, String errno)
            implements Event {}

    /** A backquoted shell command. */
    record Command(int line, TimeSpec time, String command) implements Event {}

    /** A {@code %{ python }%} block. */
    record Code(int line, TimeSpec time, String code) implements Event {}
}
