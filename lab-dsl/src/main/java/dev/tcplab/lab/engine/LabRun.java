package dev.tcplab.lab.engine;

import dev.tcplab.lab.dsl.ImplementationLoader;
import dev.tcplab.lab.dsl.LabContext;
import dev.tcplab.lab.dsl.LabScriptError;
import dev.tcplab.lab.dsl.LabSkipped;
import dev.tcplab.lab.dsl.ScriptFrames;
import dev.tcplab.lab.dsl.Submission;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.SourceLocation;
import dev.tcplab.lab.sandbox.Sandbox;
import dev.tcplab.lab.sandbox.SandboxedLoader;
import dev.tcplab.lab.sandbox.SubmissionCopy;
import dev.tcplab.lab.script.ScriptCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import kotlin.Unit;

/**
 * Runs one lab in containment: its body on its own daemon thread under a wall-clock limit (the
 * time it waits for its submission process left out), so a lab that throws, loops or exhausts
 * memory ends as an ERROR result and the run goes on.
 */
final class LabRun {
    /** How long a lab gets to notice an interrupt before it is stopped by force. */
    private static final long GRACE_MILLIS = 200;
    /** How often the watchdog looks again at what is left of the lab's time. */
    private static final long WATCH_MILLIS = 250;

    private final ScriptCompiler compiler;
    private final Sandbox sandbox;
    private final RunRequest request;
    private final Duration timeout;
    private final LabListener listener;

    LabRun(ScriptCompiler compiler, Sandbox sandbox, RunRequest request, Duration timeout, LabListener listener) {
        this.compiler = compiler;
        this.sandbox = sandbox;
        this.request = request;
        this.timeout = timeout;
        this.listener = listener;
    }

    LabResult run(Path file) {
        String id = LabFiles.id(file);
        String script = file.toString();
        listener.labStarted(id, script);
        long started = System.nanoTime();
        SandboxedLoader loader = null;
        Submission submission;
        if (request.submission() != null) {
            SubmissionCopy copy;
            try {
                copy = sandbox.copy(request.submission());
            } catch (IOException | RuntimeException e) {
                LabResult unreadable = new LabResult(id, id, script, request.seed() == null ? LabContext.DEFAULT_SEED
                    : request.seed(), Outcome.ERROR, "the submission folder could not be read: " + e.getMessage(), null,
                    List.of(), null, millisSince(started), 0);
                listener.labFinished(unreadable);
                return unreadable;
            }
            loader = new SandboxedLoader(sandbox, copy);
            submission = new Submission(copy.dir(), copy.refused(), loader);
        } else {
            submission = new Submission(null, NO_CODE);
        }
        LabContext context = new LabContext(id, script, file.getFileName().toString(), request.seed(),
            request.onlyCheck(), submission, check -> {
                listener.checkFinished(id, check);
                return Unit.INSTANCE;
            });
        if (loader != null) {
            SandboxedLoader codeLoader = loader;
            context.onEnd(() -> { // the submission process ends with its lab, whatever it started
                codeLoader.close();
                return Unit.INSTANCE;
            });
        }

        ScriptCompiler.Compiled compiled = compiler.compileLab(file, script);
        LabResult result;
        if (compiled instanceof ScriptCompiler.Compiled.Failed failed) {
            if (loader != null) {
                loader.close();
            }
            result = new LabResult(id, id, script, context.getSeed(), Outcome.ERROR, failed.getMessage(),
                failed.getLocation(), List.of(), null, millisSince(started), 0);
        } else {
            SandboxedLoader running = loader;
            LongSupplier waiting = running == null ? () -> 0 : running::waitingNanos;
            result = evaluate(((ScriptCompiler.Compiled.Ok) compiled), context, started, waiting);
        }
        if (loader != null && loader.problem() != null) {
            listener.sandboxUnavailable(id, loader.problem());
        }
        listener.labFinished(result);
        return result;
    }

    /** Without a submission there is no code to load: Submission.load says so before it gets here. */
    private static final ImplementationLoader NO_CODE = (file, type) -> {
        throw new LabScriptError("this run has no submission");
    };

    /**
     * Runs the lab body under the wall-clock limit, less the time it spent waiting for its
     * submission ({@code waiting}): those waits have CPU-time limits of their own.
     */
    private LabResult evaluate(ScriptCompiler.Compiled.Ok compiled, LabContext context, long started,
                               LongSupplier waiting) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                thrown.set(LabContext.bind(context, () -> compiler.evaluateLab(compiled.getScript(), context)));
            } catch (Throwable t) { // OutOfMemoryError outside the script's own frames, ThreadDeath
                thrown.set(t);
            }
        }, "lab-" + context.getId());
        thread.setDaemon(true); // a lab that cannot be stopped must not keep the JVM alive
        long runStarted = System.nanoTime();
        thread.start();

        String error = null;
        SourceLocation errorLocation = null;
        CheckResult skipped = null;
        if (!joinWithin(thread, runStarted, waiting)) {
            StackTraceElement[] where = thread.getStackTrace();
            long waited = waiting.getAsLong();
            context.close();
            stop(thread);
            errorLocation = ScriptFrames.INSTANCE.locate(where, context);
            // the real elapsed time too: on a loaded machine the stop comes later than the limit
            error = "time limit of " + seconds(timeout) + " exceeded" + (errorLocation != null ? " (at " + errorLocation + ")" : "")
                + String.format(java.util.Locale.ROOT, "; stopped after %.1f s", (System.nanoTime() - runStarted) / 1e9)
                + (waited > 0 ? String.format(java.util.Locale.ROOT, " (%.1f s of it waiting for the submission, not counted)",
                    waited / 1e9) : "");
        } else if (thrown.get() instanceof OutOfMemoryError oom) {
            errorLocation = ScriptFrames.INSTANCE.of(oom, context);
            error = "out of memory" + (errorLocation != null ? " (at " + errorLocation + ")" : "") + ": " + oom.getMessage();
        } else if (thrown.get() instanceof LabSkipped s) {
            // the lab needs something missing here (root, libpcap): SKIPPED with the reason, not an error
            skipped = new CheckResult("lab skipped", null, 0, 0, false, Outcome.SKIPPED, s.getReason(),
                context.getSimulation().getNowNanos(), ScriptFrames.INSTANCE.of(s, context));
            listener.checkFinished(context.getId(), skipped);
        } else if (thrown.get() != null) {
            errorLocation = ScriptFrames.INSTANCE.of(thrown.get(), context);
            error = ScriptFrames.INSTANCE.describe(thrown.get(), context);
        }
        // namespaces, veths, agent processes: removed whatever happened to the lab
        List<String> cleanup = context.runEndActions();
        if (!cleanup.isEmpty() && error == null) {
            error = "cleanup after the lab failed: " + String.join("; ", cleanup);
        }
        List<CheckResult> checks = new ArrayList<>(context.checks());
        if (skipped != null) {
            checks.add(skipped);
        }
        Outcome outcome = outcome(error, checks);
        if (skipped != null && outcome == Outcome.PASSED) {
            outcome = Outcome.SKIPPED;
        }
        return new LabResult(context.getId(), context.getTitle(), context.getScriptName(), context.getSeed(),
            outcome, error, errorLocation, checks, trace(context), millisSince(started),
            context.getSimulation().getNowNanos());
    }

    /** Interrupt first; a lab that ignores it (a busy loop) is stopped, or on a JVM without Thread.stop abandoned. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        thread.interrupt();
        if (join(thread, GRACE_MILLIS)) {
            return;
        }
        try {
            thread.stop(); // Java 17: still works; the thread is daemon, so abandoning it is the fallback
            join(thread, 1000);
        } catch (UnsupportedOperationException abandoned) {
            // Java 20+: nothing more can be done; the daemon thread dies with the JVM
        }
    }

    /** Waits for the lab body until its time, less its waits for the submission, reaches the limit; true when it ended. */
    private boolean joinWithin(Thread thread, long runStarted, LongSupplier waiting) {
        while (true) {
            long left = timeout.toNanos() - (System.nanoTime() - runStarted - waiting.getAsLong());
            if (left <= 0) {
                return !thread.isAlive();
            }
            if (join(thread, Math.min(WATCH_MILLIS, Math.max(1, left / 1_000_000)))) {
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }

    private static boolean join(Thread thread, long millis) {
        try {
            thread.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    static Outcome outcome(String error, List<CheckResult> checks) {
        if (error != null || checks.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
            return Outcome.ERROR;
        }
        if (checks.stream().anyMatch(c -> c.outcome() == Outcome.FAILED)) {
            return Outcome.FAILED;
        }
        if (!checks.isEmpty() && checks.stream().allMatch(c -> c.outcome() == Outcome.SKIPPED)) {
            return Outcome.SKIPPED;
        }
        return Outcome.PASSED;
    }

    private static LabTrace trace(LabContext context) {
        var provider = context.getTraceProvider();
        if (provider != null) {
            try {
                return provider.invoke();
            } catch (RuntimeException e) {
                // a broken trace must not cost the lab its verdict; the report shows no network
            }
        }
        return new LabTrace(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
