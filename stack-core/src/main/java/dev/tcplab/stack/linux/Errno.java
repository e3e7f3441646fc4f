package dev.tcplab.stack.linux;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Maps what Java's socket API throws back to the Linux errno name the system call returned.
 * Java keeps the kernel's strerror text in most exception messages ("Connection refused",
 * "Connection timed out", "Connection reset by peer", "Broken pipe"), so the text decides first
 * and the exception class second. Java-side waits that time out (accept/recv with a timeout, as
 * SO_RCVTIMEO would) are EAGAIN; a connect that the lab's own timeout cut short is ETIMEDOUT.
 */
final class Errno {
    private Errno() {}

    static String of(Throwable t, boolean connecting) {
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (msg.contains("connection refused")) return "ECONNREFUSED";
        if (msg.contains("timed out")) return connecting ? "ETIMEDOUT" : "EAGAIN";
        if (msg.contains("connection reset")) return "ECONNRESET";
        if (msg.contains("broken pipe")) return "EPIPE";
        if (msg.contains("address already in use")) return "EADDRINUSE";
        if (msg.contains("cannot assign requested address")) return "EADDRNOTAVAIL";
        if (msg.contains("no route to host")) return "EHOSTUNREACH";
        if (msg.contains("network is unreachable")) return "ENETUNREACH";
        if (msg.contains("permission denied")) return "EACCES";
        if (msg.contains("protocol not available")) return "ENOPROTOOPT";
        if (msg.contains("invalid argument")) return "EINVAL";
        if (msg.contains("not connected")) return "ENOTCONN";
        if (msg.contains("connection aborted")) return "ECONNABORTED";
        if (msg.contains("too many open files")) return "EMFILE";
        if (msg.contains("socket closed") || msg.contains("socket is closed")) return "EBADF";
        if (t instanceof SocketTimeoutException) return connecting ? "ETIMEDOUT" : "EAGAIN";
        if (t instanceof ConnectException) return "ECONNREFUSED";
        if (t instanceof BindException) return "EADDRINUSE";
        if (t instanceof NoRouteToHostException) return "EHOSTUNREACH";
        if (t instanceof PortUnreachableException) return "ECONNREFUSED";
        if (t instanceof AlreadyConnectedException) return "EISCONN";
        if (t instanceof ConnectionPendingException) return "EALREADY";
        if (t instanceof NoConnectionPendingException || t instanceof NotYetConnectedException) return "ENOTCONN";
        if (t instanceof NotYetBoundException) return "EINVAL";
        if (t instanceof AsynchronousCloseException || t instanceof ClosedChannelException) return "EBADF";
        if (t instanceof UnresolvedAddressException || t instanceof IllegalArgumentException) return "EINVAL";
        if (t instanceof IOException) return "EIO";
        return "EIO";
    }
}
