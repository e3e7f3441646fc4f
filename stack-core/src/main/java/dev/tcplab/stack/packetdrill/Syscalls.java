package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.tcp.TcpState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The system calls of a script, on the model's socket API (run_system_call.c): file
 * descriptors numbered like Linux (lowest free, from 3), {@code ...} addresses meaning
 * packetdrill's local/remote address and port, buffers of zeros, NULL buffers giving EFAULT.
 * The return value and errno are checked as packetdrill does, and a call's return time against
 * its {@code ...end} time. Calls and arguments the model has no counterpart for are unsupported.
 */
final class Syscalls {
    /** A return value and errno name (null when the call succeeded). */
    record Ret(long value, String errno) {
        static Ret of(Errno e, long okValue) {
            return e == Errno.OK ? new Ret(okValue, null) : new Ret(-1, e.name());
        }
    }

    private record Blocked(Event.Syscall event, Call<?> call, Function<Call<?>, Ret> result, long start, long end,
                           long tol) {}

    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;

    private final Executor x;
    private final Map<Integer, Socket> fds = new TreeMap<>();
    private final Map<Integer, Boolean> nonBlocking = new TreeMap<>();
    private Blocked blocked;
    /** The socket of the connection under test: the last accepted or connecting one (for tcp_info). */
    private Socket underTest;
    private final Map<Socket, Integer> userMss = new java.util.IdentityHashMap<>();
    /** The fd the current call's script expects as its result (-1: none). */
    private int scriptFd = -1;

    Syscalls(Executor x) {
        this.x = x;
    }

    Socket socketUnderTest() {
        return underTest;
    }

    /** Waits (in virtual time) for a blocked call to return, then checks it. */
    void awaitBlocked() {
        if (blocked == null) {
            return;
        }
        Blocked b = blocked;
        long deadline = (b.end + b.tol) * 1000;
        while (!b.call.isDone() && x.loop.nextEventTime() <= deadline) {
            x.loop.runNext();
        }
        blocked = null;
        int saved = x.line;
        x.line = b.event.line();
        if (!b.call.isDone()) {
            throw x.failure("timing error: expected " + b.event.name() + " call to return at " + Executor.secs(b.end)
                    + " sec but it was still blocked at " + Executor.secs(b.end + b.tol) + " sec");
        }
        finish(b.event, b.result.apply(b.call), b.start, b.end, b.call.doneAt() / 1000, b.tol);
        x.line = saved;
    }

    void run(Event.Syscall s, long start, long end, long tol) {
        Object out = dispatch(s);
        if (out instanceof Ret r) {
            finish(s, r, start, end, start, tol);
            return;
        }
        @SuppressWarnings("unchecked")
        Pending<Object> p = (Pending<Object>) out;
        if (p.call.isDone()) {
            finish(s, p.result.apply(p.call), start, end, p.call.doneAt() / 1000, tol);
        } else if (end < 0) {
            throw x.failure(s.name() + " blocked, but the script expects it to return at once (no '...' end time)");
        } else {
            @SuppressWarnings("unchecked")
            Function<Call<?>, Ret> f = c -> p.result.apply((Call<Object>) c);
            blocked = new Blocked(s, p.call, f, start, end, tol);
        }
    }

    private record Pending<T>(Call<T> call, Function<Call<T>, Ret> result) {}

    /** Checks the return value, errno and return time (packetdrill's messages). */
    private void finish(Event.Syscall s, Ret r, long start, long end, long returnedUsecs, long tol) {
        String where = "runtime error in " + s.name() + " call: ";
        if (s.result() instanceof Expr.Int want) {
            long expected = want.value();
            String got = r.errno == null ? "" : " with errno " + Errnos.number(r.errno) + " (" + Errnos.text(r.errno) + ")";
            if (expected >= 0 && r.value < 0) {
                throw x.failure(where + "Expected non-negative result but got " + r.value + got);
            }
            if (expected != r.value) {
                throw x.failure(where + "Expected result " + expected + " but got " + r.value + got);
            }
            if (expected < 0 && s.errno() != null) {
                int we = Errnos.number(s.errno());
                if (we < 0) {
                    throw x.unsupported("errno " + s.errno());
                }
                if (r.errno == null || we != Errnos.number(r.errno)) {
                    throw x.failure(where + "Expected errno " + we + " (" + Errnos.text(s.errno()) + ") but got "
                            + (r.errno == null ? "0 (Success)" : Errnos.number(r.errno) + " (" + Errnos.text(r.errno) + ")"));
                }
            }
        } else if (!(s.result() instanceof Expr.Ellipsis)) {
            throw x.unsupported("return value expression " + s.result());
        }
        long expectedEnd = end < 0 ? start : end;
        if (Math.abs(returnedUsecs - expectedEnd) > tol) {
            throw x.failure("timing error: expected " + s.name() + " call to return at " + Executor.secs(expectedEnd)
                    + " sec but happened at " + Executor.secs(returnedUsecs) + " sec; tolerance " + Executor.secs(tol)
                    + " sec");
        }
    }

    // ------------------------------------------------------------------ dispatch

    private Object dispatch(Event.Syscall s) {
        List<Expr> a = s.args();
        scriptFd = s.result() instanceof Expr.Int i && i.value() >= 0 ? (int) i.value() : -1;
        return switch (s.name()) {
            case "socket" -> socket(a);
            case "bind" -> {
                args(s, 3);
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                addressIsDefault(a.get(1), a.get(2));
                yield Ret.of(k.bind(x.localIp, x.bindPort), 0);
            }
            case "listen" -> {
                args(s, 2);
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                Errno e = k.listen((int) intArg(a.get(1)));
                if (e == Errno.OK) {
                    x.listening = true;
                }
                yield Ret.of(e, 0);
            }
            case "accept", "accept4" -> {
                args(s, s.name().equals("accept") ? 3 : 4);
                if (s.name().equals("accept4") && intArg(a.get(3)) != 0) {
                    throw x.unsupported("accept4 flags " + a.get(3));
                }
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                yield new Pending<>(k.accept(), c -> {
                    if (c.errno() != Errno.OK) {
                        return Ret.of(c.errno(), 0);
                    }
                    underTest = c.value();
                    return new Ret(allocate(c.value()), null);
                });
            }
            case "connect" -> {
                args(s, 3);
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                addressIsDefault(a.get(1), a.get(2));
                TcpState before = k.state();
                Call<Void> c = k.connect(x.remoteIp, x.connectPort);
                if (before == TcpState.TCP_CLOSE && k.state() == TcpState.TCP_SYN_SENT) {
                    x.newActiveConn(k.localPort());
                    underTest = k;
                }
                yield new Pending<>(c, d -> Ret.of(d.errno(), 0));
            }
            case "write" -> send(s, 3, -1);
            case "send" -> send(s, 4, 3);
            case "sendto" -> {
                if (a.size() == 6) {
                    addressIsDefault(a.get(4), a.get(5));
                }
                yield send(s, 6, 3);
            }
            case "read" -> recv(s, 3, -1);
            case "recv" -> recv(s, 4, 3);
            case "recvfrom" -> {
                if (a.size() == 6) {
                    addressIsDefault(a.get(4), a.get(5));
                }
                yield recv(s, 6, 3);
            }
            case "close" -> {
                args(s, 1);
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                int fd = (int) intArg(a.get(0));
                fds.remove(fd);
                nonBlocking.remove(fd);
                yield Ret.of(k.close(), 0);
            }
            case "shutdown" -> {
                args(s, 2);
                Socket k = sock(a);
                if (k == null) {
                    yield ebadf();
                }
                yield Ret.of(k.shutdown((int) intArg(a.get(1))), 0);
            }
            case "fcntl" -> fcntl(s);
            case "ioctl" -> ioctl(s);
            case "setsockopt" -> setsockopt(s);
            case "getsockopt" -> getsockopt(s);
            default -> throw x.unsupported("system call " + s.name() + "()");
        };
    }

    private Object socket(List<Expr> a) {
        if (a.size() != 3) {
            throw x.failure("socket() takes 3 arguments");
        }
        if (!(a.get(0) instanceof Expr.Ellipsis) && !isWord(a.get(0), "AF_INET")) {
            throw x.unsupported("socket domain " + a.get(0) + " (the model runs IPv4)");
        }
        if (!isWord(a.get(1), "SOCK_STREAM")) {
            throw x.unsupported("socket type " + a.get(1) + " (the model has TCP sockets only)");
        }
        if (!isWord(a.get(2), "IPPROTO_TCP") && !(a.get(2) instanceof Expr.Int i && i.value() == 0)) {
            // inet_create: no protocol of that type for SOCK_STREAM
            return new Ret(-1, "EPROTONOSUPPORT");
        }
        return new Ret(allocate(x.host.socket()), null);
    }

    private Object send(Event.Syscall s, int n, int flagsArg) {
        args(s, n);
        List<Expr> a = s.args();
        if (flagsArg >= 0 && intArg(a.get(flagsArg)) != 0) {
            throw x.unsupported(s.name() + " flags " + a.get(flagsArg));
        }
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        int len = (int) intArg(a.get(2));
        boolean nullBuf = isWord(a.get(1), "NULL");
        if (!nullBuf && !(a.get(1) instanceof Expr.Ellipsis)) {
            throw x.unsupported(s.name() + " buffer " + a.get(1));
        }
        if (nullBuf) {
            // tcp_sendmsg_locked: state and shutdown errors come first, then the copy faults
            Call<Integer> probe = k.send(new byte[0]);
            return probe.errno() == Errno.OK ? new Ret(len == 0 ? 0 : -1, len == 0 ? null : "EFAULT") : Ret.of(probe.errno(), 0);
        }
        Call<Integer> c = k.send(new byte[len]);
        return new Pending<>(c, d -> Ret.of(d.errno(), d.value() == null ? 0 : d.value()));
    }

    private Object recv(Event.Syscall s, int n, int flagsArg) {
        args(s, n);
        List<Expr> a = s.args();
        if (flagsArg >= 0 && intArg(a.get(flagsArg)) != 0) {
            throw x.unsupported(s.name() + " flags " + a.get(flagsArg));
        }
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        int len = (int) intArg(a.get(2));
        boolean nullBuf = isWord(a.get(1), "NULL");
        if (!nullBuf && !(a.get(1) instanceof Expr.Ellipsis)) {
            throw x.unsupported(s.name() + " buffer " + a.get(1));
        }
        if (nullBuf && k.sock().receiveQueueLength() > 0) {
            return new Ret(-1, "EFAULT"); // skb_copy_datagram_msg into a NULL buffer
        }
        Call<byte[]> c = k.recv(len);
        return new Pending<>(c, d -> Ret.of(d.errno(), d.value() == null ? 0 : d.value().length));
    }

    private Object fcntl(Event.Syscall s) {
        List<Expr> a = s.args();
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        int fd = (int) intArg(a.get(0));
        if (isWord(a.get(1), "F_GETFL")) {
            return new Ret(O_RDWR | (nonBlocking.getOrDefault(fd, false) ? O_NONBLOCK : 0), null);
        }
        if (isWord(a.get(1), "F_SETFL") && a.size() == 3) {
            long flags = intArg(a.get(2));
            if ((flags & ~(O_RDWR | O_NONBLOCK)) != 0) {
                throw x.unsupported("fcntl flags " + a.get(2));
            }
            boolean nb = (flags & O_NONBLOCK) != 0;
            nonBlocking.put(fd, nb);
            k.setNonBlocking(nb);
            return new Ret(0, null);
        }
        throw x.unsupported("fcntl command " + a.get(1));
    }

    /** tcp_ioctl SIOCINQ (= FIONREAD): unread bytes; EINVAL on a listener. Other requests unsupported. */
    private Object ioctl(Event.Syscall s) {
        args(s, 3);
        List<Expr> a = s.args();
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        String req = word(a.get(1));
        if (!req.equals("SIOCINQ") && !req.equals("FIONREAD")) {
            throw x.unsupported("ioctl " + req);
        }
        if (k.state() == TcpState.TCP_LISTEN) {
            return new Ret(-1, "EINVAL");
        }
        boolean handshaking = k.state() == TcpState.TCP_SYN_SENT || k.state() == TcpState.TCP_SYN_RECV;
        long got = handshaking ? 0 : k.sock().receiveQueueLength();
        long want = intArg(unwrap(a.get(2)));
        if (want != got) {
            throw x.failure("runtime error in ioctl call: Bad ioctl value: expected: " + want + " actual: " + got);
        }
        return new Ret(0, null);
    }

    private Object setsockopt(Event.Syscall s) {
        args(s, 5);
        List<Expr> a = s.args();
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        String name = word(a.get(2));
        SockOpt opt = switch (name) {
            case "SO_REUSEADDR" -> SockOpt.SO_REUSEADDR;
            case "SO_LINGER" -> SockOpt.SO_LINGER;
            case "SO_RCVBUF" -> SockOpt.SO_RCVBUF;
            case "TCP_MAXSEG" -> SockOpt.TCP_MAXSEG;
            case "TCP_SYNCNT" -> SockOpt.TCP_SYNCNT;
            case "TCP_DEFER_ACCEPT" -> SockOpt.TCP_DEFER_ACCEPT;
            case "TCP_NODELAY" -> SockOpt.TCP_NODELAY;
            case "SO_KEEPALIVE" -> SockOpt.SO_KEEPALIVE;
            case "TCP_KEEPIDLE" -> SockOpt.TCP_KEEPIDLE;
            case "TCP_KEEPINTVL" -> SockOpt.TCP_KEEPINTVL;
            case "TCP_KEEPCNT" -> SockOpt.TCP_KEEPCNT;
            case "TCP_USER_TIMEOUT" -> SockOpt.TCP_USER_TIMEOUT;
            default -> throw x.unsupported("socket option " + name);
        };
        String level = word(a.get(1));
        boolean tcpLevel = name.startsWith("TCP_");
        if (tcpLevel ? !(level.equals("SOL_TCP") || level.equals("IPPROTO_TCP")) : !level.equals("SOL_SOCKET")) {
            throw x.unsupported("socket option " + name + " at level " + level);
        }
        int value;
        if (opt == SockOpt.SO_LINGER) {
            if (!(a.get(3) instanceof Expr.Struct st) || st.items().size() != 2) {
                throw x.unsupported("SO_LINGER value " + a.get(3));
            }
            long onoff = intArg(assigned(st.items().get(0)));
            long secs = intArg(assigned(st.items().get(1)));
            value = onoff == 0 ? -1 : (int) secs;
        } else {
            value = (int) intArg(unwrap(a.get(3)));
        }
        Errno e = k.setsockopt(opt, value);
        if (e == Errno.OK && opt == SockOpt.TCP_MAXSEG) {
            userMss.put(k, value);
        }
        return Ret.of(e, 0);
    }

    private Object getsockopt(Event.Syscall s) {
        args(s, 5);
        List<Expr> a = s.args();
        Socket k = sock(a);
        if (k == null) {
            return ebadf();
        }
        String name = word(a.get(2));
        long want = intArg(unwrap(a.get(3)));
        long got;
        if (name.equals("SO_ERROR") && word(a.get(1)).equals("SOL_SOCKET")) {
            Errno e = k.soError();
            got = e == Errno.OK ? 0 : Errnos.number(e.name());
        } else if (name.equals("TCP_MAXSEG") && List.of("SOL_TCP", "IPPROTO_TCP").contains(word(a.get(1)))) {
            // do_tcp_getsockopt: mss_cache, or the user's TCP_MAXSEG while CLOSE or LISTEN
            TcpState st = k.state();
            Integer user = userMss.get(k);
            got = user != null && (st == TcpState.TCP_CLOSE || st == TcpState.TCP_LISTEN) ? user : k.sock().mss();
        } else {
            throw x.unsupported("getsockopt " + name);
        }
        if (want != got) {
            throw x.failure("runtime error in getsockopt call: Bad getsockopt optval: expected: " + want + " actual: " + got);
        }
        return new Ret(0, null);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Registers a new socket under the script's fd. packetdrill maps script fds to live ones
     * (run_system_call.c), so the number a script expects is a label: the socket gets that
     * label when the call succeeds, the lowest free number otherwise.
     */
    private int allocate(Socket k) {
        if (scriptFd >= 0 && !fds.containsKey(scriptFd)) {
            fds.put(scriptFd, k);
            return scriptFd;
        }
        int fd = 3;
        while (fds.containsKey(fd)) {
            fd++;
        }
        fds.put(fd, k);
        return fd;
    }

    private Socket sock(List<Expr> a) {
        if (a.isEmpty()) {
            throw x.failure("missing file descriptor");
        }
        return fds.get((int) intArg(a.get(0)));
    }

    private static Ret ebadf() {
        return new Ret(-1, "EBADF");
    }

    private void args(Event.Syscall s, int n) {
        if (s.args().size() != n) {
            throw x.failure(s.name() + "() takes " + n + " arguments, the script gives " + s.args().size());
        }
    }

    private void addressIsDefault(Expr addr, Expr len) {
        if (!(addr instanceof Expr.Ellipsis) || !(len instanceof Expr.Ellipsis)) {
            throw x.unsupported("explicit socket address " + addr);
        }
    }

    private static boolean isWord(Expr e, String w) {
        return e instanceof Expr.Word word && word.name().equals(w);
    }

    private String word(Expr e) {
        if (e instanceof Expr.Word w) {
            return w.name();
        }
        throw x.unsupported("expected a symbol, got " + e);
    }

    private Expr unwrap(Expr e) {
        if (e instanceof Expr.Array arr && arr.items().size() == 1) {
            return arr.items().get(0);
        }
        return e;
    }

    private Expr assigned(Expr e) {
        return e instanceof Expr.Assign as ? as.value() : e;
    }

    private static final Map<String, Long> SYMBOLS = Map.of(
            "SHUT_RD", 0L, "SHUT_WR", 1L, "SHUT_RDWR", 2L, "O_RDWR", (long) O_RDWR, "O_NONBLOCK", (long) O_NONBLOCK,
            "MSG_DONTWAIT", 0x40L, "MSG_PEEK", 2L, "MSG_FASTOPEN", 0x20000000L, "MSG_ZEROCOPY", 0x4000000L);

    private long intArg(Expr e) {
        if (e instanceof Expr.Int i) {
            return i.value();
        }
        if (e instanceof Expr.Or or) {
            return intArg(or.left()) | intArg(or.right());
        }
        if (e instanceof Expr.Word w && SYMBOLS.containsKey(w.name())) {
            return SYMBOLS.get(w.name());
        }
        throw x.unsupported("argument " + e);
    }
}
