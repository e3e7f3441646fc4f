package dev.tcplab.stack.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A host that <em>is</em> the Linux kernel: a network namespace whose TCP sockets the lab drives,
 * for comparing the model's ladder with the real one.
 *
 * <p><b>Why a helper process.</b> The socket calls run in {@link LinuxHostAgent}, a small JVM
 * started with {@code ip netns exec NS java ...}, spoken to by lines over stdin/stdout. Entering
 * the namespace from this JVM (setns(2) on one thread) is fragile: only that thread switches, the
 * JVM's other threads stay in the root namespace, and any socket created on a pooled or
 * internal thread would silently land in the wrong namespace. A process that lives entirely in
 * the namespace has no such failure mode, costs one JVM start (~0.3-0.5 s), and dies with its
 * stdin, so it never outlives the lab.
 *
 * <p><b>What Java's socket API allows.</b> Supported: socket/bind/listen(backlog)/accept,
 * blocking connect with a timeout, non-blocking connect (EINPROGRESS, then SO_ERROR), send, recv
 * (with a timeout; EAGAIN on expiry, as SO_RCVTIMEO), shutdown RD/WR/RDWR, close, SO_REUSEADDR,
 * SO_LINGER (0 = RST on close), SO_RCVBUF/SO_SNDBUF, TCP_NODELAY. Not supported: TCP_MAXSEG and
 * TCP_SYNCNT (ENOPROTOOPT with a hint: use sysctl net.ipv4.tcp_syn_retries or a route advmss),
 * getsockopt other than SO_ERROR, listen(0) (Java turns backlog &lt; 1 into 50; we pass 1), and
 * bind errors surface at listen/connect (Java picks the socket class there, so the bind is
 * applied then). Errno names come from {@link Errno}: the kernel's strerror text Java keeps in
 * exception messages.
 *
 * <p>Captures: frames of a namespace joined to the root by {@link VethPair#toRoot} are seen by
 * the {@code PcapDevice} on the root-side end; record them with {@code PcapDevice.record}.
 */
public final class LinuxHost implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CALL_MARGIN = Duration.ofSeconds(5);
    private static final Pattern SYSCTL_NAME = Pattern.compile("[a-z0-9_.\\-/]+");

    private final NetNs ns;
    private final Process agent;
    private final OutputStream toAgent;
    private final Map<Long, CompletableFuture<String[]>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Path nstatHistory;
    private volatile boolean closed;

    private LinuxHost(NetNs ns, Process agent) throws IOException {
        this.ns = ns;
        this.agent = agent;
        this.toAgent = agent.getOutputStream();
        this.nstatHistory = Files.createTempFile("tcplab-nstat-", ".hist");
        Thread reader = new Thread(this::readReplies, "linuxhost-" + ns.name());
        reader.setDaemon(true);
        reader.start();
        Thread err = new Thread(this::readStderr, "linuxhost-err-" + ns.name());
        err.setDaemon(true);
        err.start();
    }

    /** Starts the agent in ns and waits until it is ready. */
    public static LinuxHost start(NetNs ns) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k",
                "-cp", agentClasspath(), LinuxHostAgent.class.getName()));
        LinuxHost host;
        try {
            host = new LinuxHost(ns, new ProcessBuilder(argv).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Linux host agent in " + ns + ": " + e.getMessage(), e);
        }
        OwnedResources.add(host);
        try {
            host.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            host.close();
            throw new IllegalStateException("the Linux host agent in " + ns + " did not start: " + host.stderrText(), e);
        }
        return host;
    }

    /** Where LinuxHostAgent.class lives (target/classes or our jar): the agent needs nothing else. */
    private static String agentClasspath() {
        try {
            return Path.of(LinuxHostAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            return System.getProperty("java.class.path");
        }
    }

    public NetNs netns() {
        return ns;
    }

    // ---- socket calls ----

    public int socket() {
        return Integer.parseInt(call("socket")[0]);
    }

    /** Recorded now, applied by listen/connect (see class comment). */
    public void bind(int fd, String ip, int port) {
        call("bind", fd, ip, port);
    }

    /** Returns the bound port. */
    public int listen(int fd, int backlog) {
        return Integer.parseInt(call("listen", fd, backlog)[0]);
    }

    /** An accepted connection; EAGAIN when none arrives within timeout. */
    public record Accepted(int fd, String peerIp, int peerPort) {}

    public Accepted accept(int fd, Duration timeout) {
        String[] r = call(timeout, "accept", fd, timeout.toMillis());
        return new Accepted(Integer.parseInt(r[0]), r[1], Integer.parseInt(r[2]));
    }

    /** Blocking connect; returns the local port. ECONNREFUSED, ETIMEDOUT etc. as ErrnoException. */
    public int connect(int fd, String ip, int port, Duration timeout) {
        return Integer.parseInt(call(timeout, "connect", fd, ip, port, timeout.toMillis())[0]);
    }

    /**
     * Non-blocking connect: "0" when it completed at once, else the errno (normally EINPROGRESS;
     * then poll {@link #soError}).
     */
    public String connectNonBlocking(int fd, String ip, int port) {
        try {
            call("connect", fd, ip, port, "nb");
            return "0";
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** getsockopt(SO_ERROR): "0" or an errno name. */
    public String soError(int fd) {
        return call("getsockopt", fd, "SO_ERROR")[0];
    }

    /** SO_REUSEADDR, SO_LINGER (seconds; 0 = RST on close; -1 = off), SO_RCVBUF, SO_SNDBUF, TCP_NODELAY. */
    public void setsockopt(int fd, String name, int value) {
        call("setsockopt", fd, name, value);
    }

    public int send(int fd, byte[] data) {
        return Integer.parseInt(call("send", fd, data.length == 0 ? "" : Base64.getEncoder().encodeToString(data))[0]);
    }

    /** Up to max bytes; an empty array means end of stream (FIN). EAGAIN after timeout. */
    public byte[] recv(int fd, int max, Duration timeout) {
        String[] r = call(timeout, "recv", fd, max, timeout.toMillis());
        return r[0].equals("0") ? new byte[0] : Base64.getDecoder().decode(r[1]);
    }

    /** how: "RD", "WR" or "RDWR". */
    public void shutdown(int fd, String how) {
        call("shutdown", fd, how);
    }

    public void close(int fd) {
        call("close", fd);
    }

    /**
     * One loopback connection inside the namespace (SO_LINGER 0: no TIME_WAIT left) so the agent's
     * code paths are loaded and compiled before a lab times anything: a cold agent takes 10-30 ms
     * for its first connect/send/recv, a warm one ~0.1 ms. Counts in nstat (one active and one
     * passive open, one reset): take a baseline afterwards.
     */
    public void warmUp() {
        Duration t = Duration.ofSeconds(2);
        for (int round = 0; round < 2; round++) {
            int l = socket();
            setsockopt(l, "SO_REUSEADDR", 1);
            bind(l, "127.0.0.1", 0);
            int port = listen(l, 1);
            int c = socket();
            setsockopt(c, "SO_LINGER", 0);
            connect(c, "127.0.0.1", port, t);
            Accepted a = accept(l, t);
            send(c, new byte[] {'w'});
            recv(a.fd(), 1, t);
            send(a.fd(), new byte[] {'w'});
            recv(c, 1, t);
            soError(c);
            close(c);
            close(a.fd());
            close(l);
        }
    }

    // ---- namespace-wide ----

    /**
     * sysctl -w name=value inside the namespace (only in a namespace the lab created), and only a
     * setting Linux keeps per network namespace ({@link NamespacedSysctl}: net.* that the namespace
     * has writable); a host-wide one (kernel.*, vm.*, fs.*, net.core.netdev_max_backlog, ...) is an
     * IllegalArgumentException naming the rule, and nothing is written.
     */
    public void sysctl(String name, String value) {
        ns.requireOwned("set a sysctl in");
        if (value.contains("\n")) {
            throw new IllegalArgumentException("not a sysctl value: '" + name + "' = '" + value + "'");
        }
        NamespacedSysctl.requirePerNamespace(ns, name);
        ns.exec("sysctl", "-qw", name + "=" + value).orThrow();
    }

    /** Reads a sysctl inside the namespace. */
    public String sysctl(String name) {
        if (!SYSCTL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a sysctl name: '" + name + "'");
        }
        return ns.exec("sysctl", "-n", name).orThrow().stdout().strip();
    }

    /** `ss -tanoei` inside the namespace, as printed. */
    public String ss() {
        return ns.exec("ss", "-tanoei").orThrow().stdout();
    }

    /** Absolute counters, `nstat -az` (name to value, in nstat's order). */
    public Map<String, Long> nstat() {
        return parseNstat(ns.exec("env", "NSTAT_HISTORY=" + nstatHistory, "nstat", "-az").orThrow().stdout());
    }

    /**
     * Counters changed since the previous call (`nstat -z` with a history file of this host's
     * own; the first call returns the counts since the namespace was created).
     */
    public Map<String, Long> nstatDelta() {
        return parseNstat(ns.exec("env", "NSTAT_HISTORY=" + nstatHistory, "nstat", "-z").orThrow().stdout());
    }

    static Map<String, Long> parseNstat(String text) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#")) {
                try {
                    counters.put(f[0], Long.parseLong(f[1]));
                } catch (NumberFormatException ignored) {
                    // not a counter line
                }
            }
        }
        return counters;
    }

    // ---- plumbing ----

    private String[] call(String cmd, Object... args) {
        return call(Duration.ZERO, cmd, args);
    }

    /** Sends one request; waits for its reply up to wait + a margin; ERR replies throw ErrnoException. */
    private String[] call(Duration wait, String cmd, Object... args) {
        if (closed) {
            throw new IllegalStateException("Linux host in " + ns + " is closed");
        }
        long id = nextId.getAndIncrement();
        StringBuilder line = new StringBuilder().append(id).append(' ').append(cmd);
        for (Object a : args) {
            String s = String.valueOf(a);
            if (s.contains(" ") || s.contains("\n")) {
                throw new IllegalArgumentException("argument with whitespace: '" + s + "'");
            }
            line.append(' ').append(s);
        }
        CompletableFuture<String[]> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        String[] r;
        try {
            synchronized (toAgent) {
                toAgent.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toAgent.flush();
            }
            r = reply.get(wait.plus(CALL_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("the Linux host agent in " + ns + " is gone: " + stderrText(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Linux host agent in " + ns + " did not answer '" + line + "' in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for '" + line + "'", e);
        } finally {
            waiting.remove(id);
        }
        if (r[0].equals("ERR")) {
            throw new ErrnoException(r.length > 1 ? r[1] : "EIO", r.length > 2 ? r[2] : "");
        }
        return java.util.Arrays.copyOfRange(r, 1, r.length);
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ", 2);
                if (f.length < 2) {
                    continue;
                }
                if (f[0].equals("0")) {
                    ready.complete(f[1]);
                    continue;
                }
                String[] rest = f[1].startsWith("ERR ") ? f[1].split(" ", 3) : f[1].split(" ");
                CompletableFuture<String[]> w = waiting.get(Long.parseLong(f[0]));
                if (w != null) {
                    w.complete(rest);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // agent gone: fail everyone below
        }
        IllegalStateException gone = new IllegalStateException("agent exited");
        ready.completeExceptionally(gone);
        waiting.values().forEach(w -> w.completeExceptionally(gone));
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(agent.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > 20) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // agent gone
        }
    }

    private String stderrText() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "(no stderr)" : String.join(" | ", stderrTail);
        }
    }

    /** Stops the agent (its sockets close as at process exit). The namespace stays; close it separately. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OwnedResources.remove(this);
        try {
            synchronized (toAgent) {
                toAgent.write("999999999 quit\n".getBytes(StandardCharsets.UTF_8));
                toAgent.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!agent.waitFor(2, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.destroyForcibly();
        }
        try {
            Files.deleteIfExists(nstatHistory);
        } catch (IOException ignored) {
            // temp file
        }
    }

    @Override
    public String toString() {
        return "linux host in " + ns.name();
    }
}
