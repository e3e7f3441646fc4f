package dev.tcplab.stack.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One external command (ip, ethtool, ss, nstat, sysctl) run with a timeout, so no lab waits
 * forever on a wedged tool. Output is read on side threads so a chatty command cannot block
 * on a full pipe.
 */
public record Command(List<String> argv) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Command {
        argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    /** What a finished command printed and returned. */
    public record Result(Command command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** This result, or an IllegalStateException quoting the command and its stderr. */
        public Result orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException("'" + String.join(" ", command.argv()) + "' failed (exit " + exitCode + "): "
                        + (stderr.isBlank() ? stdout.strip() : stderr.strip()));
            }
            return this;
        }
    }

    public Result run() {
        return run(DEFAULT_TIMEOUT);
    }

    /** Runs to completion; a missing program or a timeout is an IllegalStateException. */
    public Result run(Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + argv.get(0) + "' (" + e.getMessage()
                    + "); install it: apt-get install -y iproute2 ethtool", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", argv) + "' did not finish within " + timeout);
            }
            return new Result(this, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + String.join(" ", argv) + "'", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the output of '" + String.join(" ", argv) + "'", e);
        }
    }

    /** True when the program can be started at all (e.g. ethtool may be missing). */
    public static boolean available(String program) {
        try {
            return of(program, "--version").run(Duration.ofSeconds(5)) != null;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
