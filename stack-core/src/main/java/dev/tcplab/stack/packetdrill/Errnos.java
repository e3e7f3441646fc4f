package dev.tcplab.stack.packetdrill;

import java.util.Map;

/** Linux errno names, numbers and strerror texts, for checking and printing syscall results. */
final class Errnos {
    private record E(int number, String text) {}

    private static final Map<String, E> BY_NAME = Map.ofEntries(
            Map.entry("EPERM", new E(1, "Operation not permitted")),
            Map.entry("EINTR", new E(4, "Interrupted system call")),
            Map.entry("EBADF", new E(9, "Bad file descriptor")),
            Map.entry("EAGAIN", new E(11, "Resource temporarily unavailable")),
            Map.entry("EWOULDBLOCK", new E(11, "Resource temporarily unavailable")),
            Map.entry("ENOMEM", new E(12, "Cannot allocate memory")),
            Map.entry("EFAULT", new E(14, "Bad address")),
            Map.entry("EINVAL", new E(22, "Invalid argument")),
            Map.entry("EPIPE", new E(32, "Broken pipe")),
            Map.entry("ENOPROTOOPT", new E(92, "Protocol not available")),
            Map.entry("EPROTONOSUPPORT", new E(93, "Protocol not supported")),
            Map.entry("EOPNOTSUPP", new E(95, "Operation not supported")),
            Map.entry("EAFNOSUPPORT", new E(97, "Address family not supported by protocol")),
            Map.entry("EADDRINUSE", new E(98, "Address already in use")),
            Map.entry("EADDRNOTAVAIL", new E(99, "Cannot assign requested address")),
            Map.entry("ENETUNREACH", new E(101, "Network is unreachable")),
            Map.entry("ECONNABORTED", new E(103, "Software caused connection abort")),
            Map.entry("ECONNRESET", new E(104, "Connection reset by peer")),
            Map.entry("EISCONN", new E(106, "Transport endpoint is already connected")),
            Map.entry("ENOTCONN", new E(107, "Transport endpoint is not connected")),
            Map.entry("ETIMEDOUT", new E(110, "Connection timed out")),
            Map.entry("ECONNREFUSED", new E(111, "Connection refused")),
            Map.entry("EHOSTUNREACH", new E(113, "No route to host")),
            Map.entry("EALREADY", new E(114, "Operation already in progress")),
            Map.entry("EINPROGRESS", new E(115, "Operation now in progress")));

    private Errnos() {}

    /** The number of an errno name, or -1 when unknown. */
    static int number(String name) {
        E e = BY_NAME.get(name);
        return e == null ? -1 : e.number;
    }

    static String text(String name) {
        E e = BY_NAME.get(name);
        return e == null ? name : e.text;
    }
}
