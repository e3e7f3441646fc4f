package dev.tcplab.stack.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process that runs inside a namespace (started with {@code ip netns exec NS java ...}) and
 * makes real kernel socket calls on the lab's behalf; see {@link LinuxHost} for why it is a
 * separate process. One request a line on stdin, one reply a line on stdout:
 * <pre>
 *   &lt;id&gt; socket                              -&gt; &lt;id&gt; OK &lt;fd&gt;
 *   &lt;id&gt; setsockopt &lt;fd&gt; &lt;NAME&gt; &lt;int&gt;         SO_REUSEADDR SO_LINGER(-1 = off) SO_RCVBUF SO_SNDBUF TCP_NODELAY
 *   &lt;id&gt; bind &lt;fd&gt; &lt;ip&gt; &lt;port&gt;               (applied at listen/connect)
 *   &lt;id&gt; listen &lt;fd&gt; &lt;backlog&gt;               -&gt; OK &lt;port&gt;
 *   &lt;id&gt; accept &lt;fd&gt; &lt;timeoutMs&gt;             -&gt; OK &lt;newfd&gt; &lt;peerIp&gt; &lt;peerPort&gt;
 *   &lt;id&gt; connect &lt;fd&gt; &lt;ip&gt; &lt;port&gt; &lt;timeoutMs|nb&gt; -&gt; OK &lt;localPort&gt;   (nb: ERR EINPROGRESS)
 *   &lt;id&gt; getsockopt &lt;fd&gt; SO_ERROR            -&gt; OK &lt;0|ERRNO&gt;
 *   &lt;id&gt; send &lt;fd&gt; &lt;base64&gt;                 -&gt; OK &lt;n&gt;
 *   &lt;id&gt; recv &lt;fd&gt; &lt;max&gt; &lt;timeoutMs&gt;         -&gt; OK &lt;n&gt; &lt;base64|-&gt;   (n = 0: end of stream)
 *   &lt;id&gt; shutdown &lt;fd&gt; RD|WR|RDWR
 *   &lt;id&gt; close &lt;fd&gt;
 *   &lt;id&gt; quit
 * </pre>
 * Failures are {@code <id> ERR <ERRNO> <text>}. Each request runs on its own thread, so a blocking
 * accept does not hold up a connect on the same host. The agent exits when stdin closes, so it
 * never outlives the lab.
 */
public final class LinuxHostAgent {
    private final PrintStream out;
    private final Map<Integer, Sock> socks = new ConcurrentHashMap<>();
    private final AtomicInteger nextFd = new AtomicInteger(3);
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "agent-call");
        t.setDaemon(true);
        return t;
    });

    /** A socket before and after Java decides whether it listens or connects. */
    private static final class Sock {
        final List<Object[]> options = new ArrayList<>(); // {SocketOption, value}, replayed on the channel
        InetSocketAddress bindTo;
        volatile ServerSocketChannel listener;
        volatile SocketChannel stream;
    }

    /** A failure with the errno name the caller sees. */
    static final class Failure extends Exception {
        final String errno;

        Failure(String errno, String message) {
            super(message);
            this.errno = errno;
        }
    }

    LinuxHostAgent(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        LinuxHostAgent agent = new LinuxHostAgent(out);
        agent.reply("0 READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            if (words.length < 2) {
                continue;
            }
            if (words[1].equals("quit")) {
                agent.reply(words[0] + " OK");
                break;
            }
            agent.pool.execute(() -> agent.handle(words));
        }
        System.exit(0); // closes every socket (RST for unread data, FIN otherwise), as a killed process would
    }

    private void handle(String[] w) {
        String id = w[0];
        try {
            reply(id + " OK" + call(w).stripTrailing());
        } catch (Failure f) {
            reply(id + " ERR " + f.errno + " " + oneLine(f.getMessage()));
        } catch (IOException | RuntimeException e) {
            reply(id + " ERR " + Errno.of(e, w[1].equals("connect")) + " " + oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private String call(String[] w) throws Failure, IOException {
        switch (w[1]) {
            case "socket": {
                int fd = nextFd.getAndIncrement();
                socks.put(fd, new Sock());
                return " " + fd;
            }
            case "setsockopt":
                setsockopt(sock(w, 2), arg(w, 3), Integer.parseInt(arg(w, 4)));
                return "";
            case "bind": {
                Sock s = sock(w, 2);
                s.bindTo = new InetSocketAddress(InetAddress.getByName(arg(w, 3)), Integer.parseInt(arg(w, 4)));
                return "";
            }
            case "listen":
                return " " + listen(sock(w, 2), Integer.parseInt(arg(w, 3)));
            case "accept":
                return accept(sock(w, 2), Integer.parseInt(arg(w, 3)));
            case "connect":
                return " " + connect(sock(w, 2), arg(w, 3), Integer.parseInt(arg(w, 4)), arg(w, 5));
            case "getsockopt":
                if (!arg(w, 3).equals("SO_ERROR")) {
                    throw new Failure("ENOPROTOOPT", "only SO_ERROR can be read");
                }
                return " " + soError(sock(w, 2));
            case "send":
                return " " + send(sock(w, 2), w.length > 3 ? Base64.getDecoder().decode(w[3]) : new byte[0]);
            case "recv":
                return recv(sock(w, 2), Integer.parseInt(arg(w, 3)), Integer.parseInt(arg(w, 4)));
            case "shutdown":
                shutdown(sock(w, 2), arg(w, 3));
                return "";
            case "close":
                close(Integer.parseInt(arg(w, 2)));
                return "";
            default:
                throw new Failure("EINVAL", "unknown command '" + w[1] + "'");
        }
    }

    private void setsockopt(Sock s, String name, int value) throws Failure, IOException {
        SocketOption<?> opt;
        Object v;
        switch (name) {
            case "SO_REUSEADDR" -> { opt = StandardSocketOptions.SO_REUSEADDR; v = value != 0; }
            case "SO_LINGER" -> { opt = StandardSocketOptions.SO_LINGER; v = value; } // 0: RST on close; -1: off
            case "SO_RCVBUF" -> { opt = StandardSocketOptions.SO_RCVBUF; v = value; }
            case "SO_SNDBUF" -> { opt = StandardSocketOptions.SO_SNDBUF; v = value; }
            case "TCP_NODELAY" -> { opt = StandardSocketOptions.TCP_NODELAY; v = value != 0; }
            case "SO_KEEPALIVE" -> { opt = StandardSocketOptions.SO_KEEPALIVE; v = value != 0; }
            case "TCP_KEEPIDLE" -> { opt = jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE; v = value; }
            case "TCP_KEEPINTVL" -> { opt = jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL; v = value; }
            case "TCP_KEEPCNT" -> { opt = jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT; v = value; }
            case "TCP_MAXSEG", "TCP_SYNCNT" -> throw new Failure("ENOPROTOOPT", name + " is not reachable through Java's socket API;"
                    + (name.equals("TCP_SYNCNT") ? " set sysctl net.ipv4.tcp_syn_retries in the namespace instead"
                    : " use a route with advmss in the namespace instead"));
            default -> throw new Failure("ENOPROTOOPT", "unsupported option " + name);
        }
        s.options.add(new Object[] {opt, v});
        NetworkChannel ch = s.stream != null ? s.stream : s.listener;
        if (ch != null) {
            apply(ch, opt, v);
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(NetworkChannel ch, SocketOption<?> opt, Object v) throws IOException {
        if (ch instanceof ServerSocketChannel && !ch.supportedOptions().contains(opt)) {
            return; // e.g. SO_LINGER on a listener: Linux accepts and ignores it
        }
        ch.setOption((SocketOption<Object>) opt, v);
    }

    private int listen(Sock s, int backlog) throws Failure, IOException {
        if (s.stream != null || s.listener != null) {
            throw new Failure("EINVAL", "socket is already connected or listening");
        }
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            for (Object[] o : s.options) {
                apply(ch, (SocketOption<?>) o[0], o[1]);
            }
            // Java passes backlog < 1 as 50; Linux would use it as given (0 still allows one, the N+1 bound)
            ch.bind(s.bindTo == null ? new InetSocketAddress(0) : s.bindTo, Math.max(1, backlog));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        s.listener = ch;
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    private String accept(Sock s, int timeoutMs) throws Failure, IOException {
        ServerSocketChannel l = s.listener;
        if (l == null) {
            throw new Failure("EINVAL", "accept on a socket that is not listening");
        }
        l.socket().setSoTimeout(timeoutMs);
        Socket conn = l.socket().accept();
        SocketChannel ch = conn.getChannel();
        Sock n = new Sock();
        n.stream = ch;
        int fd = nextFd.getAndIncrement();
        socks.put(fd, n);
        InetSocketAddress peer = (InetSocketAddress) ch.getRemoteAddress();
        return " " + fd + " " + peer.getAddress().getHostAddress() + " " + peer.getPort();
    }

    private int connect(Sock s, String ip, int port, String mode) throws Failure, IOException {
        if (s.listener != null || s.stream != null) {
            throw new Failure(s.listener != null ? "EINVAL" : "EISCONN", "socket is already listening or connected");
        }
        SocketChannel ch = SocketChannel.open();
        try {
            for (Object[] o : s.options) {
                apply(ch, (SocketOption<?>) o[0], o[1]);
            }
            if (s.bindTo != null) {
                ch.bind(s.bindTo);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        s.stream = ch;
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(ip), port);
        if (mode.equals("nb")) {
            ch.configureBlocking(false);
            if (!ch.connect(to)) {
                throw new Failure("EINPROGRESS", "Operation now in progress");
            }
        } else {
            ch.socket().connect(to, Integer.parseInt(mode));
        }
        return localPort(ch);
    }

    private static int localPort(SocketChannel ch) throws IOException {
        InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
        return local == null ? 0 : local.getPort();
    }

    /** SO_ERROR: 0 while a non-blocking connect is in progress or after it succeeded. */
    private String soError(Sock s) {
        SocketChannel ch = s.stream;
        if (ch == null || !ch.isConnectionPending()) {
            return "0";
        }
        try {
            ch.finishConnect();
            return "0";
        } catch (IOException e) {
            return Errno.of(e, true);
        }
    }

    private int send(Sock s, byte[] data) throws Failure, IOException {
        SocketChannel ch = connected(s);
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = ch.write(b);
        if (ch.isBlocking()) {
            while (b.hasRemaining()) {
                n += ch.write(b);
            }
        } else if (n == 0 && data.length > 0) {
            throw new Failure("EAGAIN", "Resource temporarily unavailable");
        }
        return n;
    }

    private String recv(Sock s, int max, int timeoutMs) throws Failure, IOException {
        SocketChannel ch = connected(s);
        byte[] buf = new byte[Math.max(1, max)];
        int n;
        if (ch.isBlocking()) {
            ch.socket().setSoTimeout(timeoutMs);
            n = ch.socket().getInputStream().read(buf);
        } else {
            n = ch.read(ByteBuffer.wrap(buf));
            if (n == 0) {
                throw new Failure("EAGAIN", "Resource temporarily unavailable");
            }
        }
        if (n < 0) {
            return " 0 -";
        }
        byte[] got = java.util.Arrays.copyOf(buf, n);
        return " " + n + " " + Base64.getEncoder().encodeToString(got);
    }

    private SocketChannel connected(Sock s) throws Failure {
        SocketChannel ch = s.stream;
        if (ch == null || ch.isConnectionPending()) {
            if (ch != null) {
                try {
                    if (!ch.finishConnect()) {
                        throw new Failure("EAGAIN", "connect still in progress");
                    }
                    return ch;
                } catch (IOException e) {
                    throw new Failure(Errno.of(e, true), e.getMessage());
                }
            }
            throw new Failure("ENOTCONN", "Transport endpoint is not connected");
        }
        return ch;
    }

    private void shutdown(Sock s, String how) throws Failure, IOException {
        SocketChannel ch = connected(s);
        switch (how) {
            case "RD" -> ch.shutdownInput();
            case "WR" -> ch.shutdownOutput();
            case "RDWR" -> { ch.shutdownInput(); ch.shutdownOutput(); }
            default -> throw new Failure("EINVAL", "shutdown how must be RD, WR or RDWR");
        }
    }

    private void close(int fd) throws Failure, IOException {
        Sock s = socks.remove(fd);
        if (s == null) {
            throw new Failure("EBADF", "Bad file descriptor " + fd);
        }
        if (s.stream != null) {
            s.stream.close();
        }
        if (s.listener != null) {
            s.listener.close();
        }
    }

    private Sock sock(String[] w, int i) throws Failure {
        int fd;
        try {
            fd = Integer.parseInt(arg(w, i));
        } catch (NumberFormatException e) {
            throw new Failure("EBADF", "not a descriptor: " + w[i]);
        }
        Sock s = socks.get(fd);
        if (s == null) {
            throw new Failure("EBADF", "Bad file descriptor " + fd);
        }
        return s;
    }

    private static String arg(String[] w, int i) throws Failure {
        if (i >= w.length) {
            throw new Failure("EINVAL", "missing argument " + (i - 1) + " of " + w[1]);
        }
        return w[i];
    }

    private synchronized void reply(String line) {
        out.print(line);
        out.print('\n');
        out.flush();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
