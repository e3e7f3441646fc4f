package dev.tcplab.lab.sandbox;

import dev.tcplab.lab.boundary.Frames;
import dev.tcplab.lab.boundary.PlainData;
import dev.tcplab.lab.boundary.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running submission process and the grader's end of its pipe: requests go in as frames,
 * answers come back as frames read by a thread of their own (so a silent process cannot block
 * the lab past its limit). Every wait is bounded by its own limit and by what is left of the
 * process's total; a process that overruns, floods, crashes or answers out of turn is killed,
 * and every later call fails with the reason. stderr is kept up to {@link #STDERR_KEPT} bytes.
 */
public final class SubmissionProcess implements AutoCloseable {
    static final int STDERR_KEPT = 16 * 1024;
    private static final Object END = new Object();
    /** How often a wait looks at the process tree's CPU time. */
    private static final long POLL_SLICE_NANOS = 100_000_000L;

    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final Drain stderr;
    private final SandboxLimits limits;
    private final ProcessTreeCpu cpu;
    private final WaitClock waiting;
    private long usedCpuNanos;
    /** Wall time of all waits so far: a process that only waits must not stretch a grading past total × wallFactor. */
    private long usedWallNanos;
    private volatile String dead;
    private volatile String malformed;
    private static final String STILL_RUNNING = "still running";
    private int nextId;

    private SubmissionProcess(Process process, SandboxLimits limits, WaitClock waiting) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.limits = limits;
        this.cpu = new ProcessTreeCpu(process.toHandle());
        this.waiting = waiting;
        this.stderr = new Drain(process.getErrorStream(), limits.maxOutput(), this::kill);
        Thread reader = new Thread(this::readAnswers, "submission-answers");
        reader.setDaemon(true);
        reader.start();
        stderr.start();
    }

    /**
     * Starts {@code command} and waits for READY; {@link SandboxUnavailable} when it never comes.
     * The wait is counted on {@code waiting}.
     */
    static SubmissionProcess start(List<String> command, SandboxLimits limits, WaitClock waiting) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            // the grader's environment (tokens, paths) is none of the submission's business: bwrap's own
            // process (pid 1 inside) keeps the environment it was started with, and /proc shows it
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
            pb.environment().put("LANG", "C.UTF-8");
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot start the submission process: " + e.getMessage());
        }
        SubmissionProcess sp = new SubmissionProcess(p, limits, waiting);
        Awaited first = sp.await(limits.start(), limits.start().toNanos(), limits.wall(limits.start()).toNanos());
        if (!(first.answer() instanceof byte[] f) || f.length < 1 || f[0] != Protocol.READY) {
            sp.kill();
            String why = first.answer() == null ? "it did not start within " + first.overrun(limits.start(), limits)
                : "it ended before it was ready (" + sp.exit() + ")";
            throw new SandboxUnavailable("the submission process could not be started: " + why + ", after "
                + first.spent() + sp.stderrTail());
        }
        sp.usedCpuNanos += first.cpuNanos();
        sp.usedWallNanos += first.wallNanos();
        return sp;
    }

    /** Compiles {@code file} of the submission; returns its id for calls. */
    synchronized int load(String file, Class<?> type) {
        int id = ++nextId;
        Object answer = ask(Protocol.message(Protocol.LOAD, o -> {
            o.writeInt(id);
            PlainData.writeString(o, file);
            PlainData.writeString(o, type.getName());
        }), limits.load(), "compiling " + file);
        try {
            PlainData.Reader r = new PlainData.Reader((byte[]) answer);
            byte kind = r.readByte();
            if (kind == Protocol.LOADED && r.readInt() == id) {
                return id;
            }
            if (kind == Protocol.LOAD_FAILED) {
                String message = Marks.cut(r.readString());
                throw new SubmissionFailed(file + " could not be loaded: " + message);
            }
        } catch (PlainData.NotPlainData e) {
            throw broken("its answer to loading " + file + " is malformed: " + e.getMessage());
        }
        throw broken("it answered out of turn while " + file + " was loaded");
    }

    /** Calls {@code method} on the implementation {@code id} with {@code args}; its return value, checked. */
    synchronized Object call(int id, String what, Method method, Object[] args) {
        byte[] request;
        try {
            request = Protocol.message(Protocol.CALL, o -> {
                o.writeInt(id);
                PlainData.writeString(o, method.getName());
                o.writeInt(method.getParameterCount());
                for (Class<?> t : method.getParameterTypes()) {
                    PlainData.writeString(o, t.getName());
                }
                for (Object a : args == null ? new Object[0] : args) {
                    PlainData.write(o, a);
                }
            });
        } catch (IllegalArgumentException notPlain) {
            throw new SubmissionFailed("the lab passed " + what + " an argument that cannot cross to the submission: "
                + notPlain.getMessage());
        }
        byte[] answer = (byte[]) ask(request, limits.call(), what);
        try {
            PlainData.Reader r = new PlainData.Reader(answer);
            byte kind = r.readByte();
            if (kind == Protocol.RETURN) {
                Object value = r.value(method.getGenericReturnType() == void.class ? Object.class : method.getGenericReturnType());
                if (r.remaining() != 0) {
                    throw new PlainData.NotPlainData(r.remaining() + " bytes after the value");
                }
                return value;
            }
            if (kind == Protocol.THREW) {
                String type = Marks.cut(r.readString());
                String message = Marks.cut(r.readString());
                String file = Marks.cut(r.readString());
                int line = r.readInt();
                throw new SubmissionFailed(what + " threw " + type + (message.isEmpty() ? "" : ": " + message)
                    + (line > 0 ? " (" + file + ":" + line + ")" : ""));
            }
        } catch (PlainData.NotPlainData e) {
            throw new SubmissionFailed(what + " returned something that is not a "
                + method.getGenericReturnType().getTypeName() + ": " + e.getMessage());
        }
        throw broken("it answered out of turn while " + what + " ran");
    }

    /** Sends one request and waits for one answer within {@code limit} and what is left of the total. */
    private Object ask(byte[] request, Duration limit, String what) {
        if (dead != null) {
            throw new SubmissionFailed(what + " was not run: " + dead);
        }
        try {
            Frames.write(requests, request);
        } catch (IOException gone) {
            // the process is gone; its end of the answers says how
        }
        long left = Math.max(0, limits.total().toNanos() - usedCpuNanos);
        long wallLeft = Math.max(0, limits.wall(limits.total()).toNanos() - usedWallNanos);
        Awaited a = await(limit, left, wallLeft);
        usedCpuNanos += a.cpuNanos();
        usedWallNanos += a.wallNanos();
        if (a.answer() instanceof byte[]) {
            return a.answer();
        }
        if (a.answer() == null) {
            kill();
            if (dead == null) {
                dead = what + " did not finish within " + a.overrun(limit, limits) + "; its process was stopped after "
                    + a.spent();
            }
        } else if (dead == null) {
            String exit = exit();
            if (malformed != null && exit.equals(STILL_RUNNING)) {
                kill();
                dead = "the submission's process was stopped: it sent " + malformed;
            } else {
                dead = "the submission's process ended while " + what + " ran (" + exit + ")" + stderrTail();
            }
        }
        throw new SubmissionFailed(dead);
    }

    /** What one wait for an answer came to: the answer (null when a limit ended it first) and what it used. */
    private record Awaited(Object answer, long cpuNanos, long wallNanos, boolean cpuLimit, boolean totalLimit) {
        /** Which limit ended the wait, in words. */
        String overrun(Duration limit, SandboxLimits limits) {
            if (totalLimit) {
                return cpuLimit ? "the submission's total of " + seconds(limits.total()) + " of CPU time"
                    : "the submission's total of " + seconds(limits.wall(limits.total())) + " of wall time ("
                        + limits.wallFactor() + " × its " + seconds(limits.total()) + " CPU limit)";
            }
            return cpuLimit ? seconds(limit) + " of CPU time"
                : seconds(limits.wall(limit)) + " of wall time (" + limits.wallFactor() + " × its " + seconds(limit)
                    + " CPU limit)";
        }

        String spent() {
            return seconds(wallNanos) + " (" + seconds(cpuNanos) + " of CPU)";
        }
    }

    /**
     * Waits for the next answer while the process tree's CPU time stays within {@code limit} and
     * {@code cpuLeft}, and the wall time within {@code limit × wallFactor} and {@code wallLeft}
     * (what is left of the total's). Where /proc cannot be read the CPU clock is the wall clock
     * (the limits as they were before CPU accounting).
     */
    private Awaited await(Duration limit, long cpuLeft, long wallLeft) {
        long cpuBudget = Math.min(limit.toNanos(), cpuLeft);
        long wallBudget = Math.min(limits.wall(limit).toNanos(), wallLeft);
        long t0 = System.nanoTime();
        long cpu0 = cpu.nanos();
        waiting.begin();
        try {
            while (true) {
                long waited = System.nanoTime() - t0;
                Object answer = poll(Duration.ofNanos(Math.max(0, Math.min(POLL_SLICE_NANOS, wallBudget - waited))));
                long wall = System.nanoTime() - t0;
                long cpuNow = cpu0 < 0 ? -1 : cpu.nanos();
                long used = cpuNow < 0 ? wall : cpuNow - cpu0;
                if (answer != null) {
                    return new Awaited(answer, used, wall, false, false);
                }
                if (dead != null) { // interrupted: the lab was stopped
                    return new Awaited(null, used, wall, false, false);
                }
                if (used > cpuBudget) {
                    return new Awaited(null, used, wall, true, cpuBudget < limit.toNanos());
                }
                if (wall >= wallBudget) {
                    return new Awaited(null, used, wall, false, wallBudget < limits.wall(limit).toNanos());
                }
            }
        } finally {
            waiting.end();
        }
    }

    private SubmissionFailed broken(String why) {
        kill();
        dead = "the submission's process was stopped: " + why;
        return new SubmissionFailed(dead);
    }

    private Object poll(Duration wait) {
        try {
            return answers.poll(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            dead = "the lab was stopped";
            return null;
        }
    }

    private void readAnswers() {
        InputStream in = process.getInputStream();
        try {
            for (byte[] f = Frames.read(in, limits.maxFrame()); f != null; f = Frames.read(in, limits.maxFrame())) {
                answers.add(f);
            }
        } catch (Frames.TooLong e) {
            // not a frame: the JVM dying says so on stdout ("Terminating due to java.lang.OutOfMemoryError"),
            // and so does a submission writing to fd 1; how the process ends tells them apart
            malformed = e.getMessage();
        } catch (IOException e) {
            // killed, or the pipe broke: the end below
        }
        answers.add(END);
    }

    /** How the process ended, waiting briefly for it. */
    private String exit() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return STILL_RUNNING;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stderr.flooded) {
            return "it printed more than " + limits.maxOutput() + " bytes and was stopped";
        }
        int code = process.exitValue();
        return switch (code) {
            case 3 -> "out of memory: the heap is capped at " + limits.heap();
            case 137 -> "killed";
            case 152 -> "CPU time limit of " + limits.cpuSeconds() + " s reached";
            case 153 -> "file size limit reached";
            default -> "exit status " + code;
        };
    }

    private String stderrTail() {
        String s = stderr.kept().strip();
        if (s.isEmpty()) {
            return "";
        }
        String[] lines = s.split("\n");
        int from = Math.max(0, lines.length - 12);
        return "\n--- its output (last lines) ---\n" + Marks.cut(String.join("\n", List.of(lines).subList(from, lines.length)));
    }

    /** Everything the process printed to stderr, up to the kept size. */
    public String stderr() {
        return stderr.kept();
    }

    boolean alive() {
        return dead == null && process.isAlive();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(Duration d) {
        return seconds(d.toNanos());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Drains stderr, keeping its first bytes; past the limit it stops the process. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final long limit;
        private final Runnable stop;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        volatile boolean flooded;

        Drain(InputStream in, long limit, Runnable stop) {
            super("submission-stderr");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
            this.stop = stop;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            long total = 0;
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    total += n;
                    synchronized (kept) {
                        int room = STDERR_KEPT - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                    }
                    if (total > limit) {
                        flooded = true;
                        stop.run();
                        return;
                    }
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }

        String kept() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
