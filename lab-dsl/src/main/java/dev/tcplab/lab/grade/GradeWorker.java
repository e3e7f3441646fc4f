package dev.tcplab.lab.grade;

import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.report.JsonWriter;
import dev.tcplab.lab.report.ResultJson;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import dev.tcplab.lab.script.ScriptCompiler;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The forked JVM's main class: runs one lab against the submission and streams the result
 * back. Protocol, parent to worker on stdin (tab-separated, one per line, then "end"):
 * {@code token}, {@code script}, {@code submission}, {@code seed} ("-" for none),
 * {@code timeoutMillis}, {@code tempDir}. Worker to parent on stdout: {@code <token> LAB <json>}
 * per lab, then {@code <token> END}. The token is known only to this class and the parent, so
 * a submission that prints to stdout cannot forge a record; the submission's own System.out
 * goes to stderr. The worker gets no reports directory: reports are written by the parent.
 */
public final class GradeWorker {
    public static final String LAB = "LAB";
    public static final String END = "END";

    /** What the parent asked for. */
    public record Request(String token, Path script, Path submission, Long seed, Duration timeout, Path tempDir) {}

    private GradeWorker() {}

    public static void main(String[] args) throws Exception {
        Request request = read(System.in);
        Channel channel = open(request);
        // compiled scripts go to the worker's own temp dir: the sandbox refuses writes elsewhere, and
        // a shared cache the submission could write to would let it plant classes later runs load
        Path cache = request.tempDir() != null ? request.tempDir().resolve("scripts") : ScriptCompiler.defaultCacheDir();
        RunResult run = new LabEngine(cache).run(new RunRequest(List.of(request.script()), request.seed(), null, null,
            request.submission(), null, request.timeout()), LabListener.NONE);
        for (LabResult lab : run.labs()) {
            channel.lab(lab);
        }
        channel.end();
    }

    /** Reads the parent's request from stdin. */
    public static Request read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String token = null;
        Path script = null;
        Path submission = null;
        Long seed = null;
        Duration timeout = null;
        Path temp = null;
        for (String line = r.readLine(); line != null && !line.equals("end"); line = r.readLine()) {
            int tab = line.indexOf('\t');
            String key = tab < 0 ? line : line.substring(0, tab);
            String value = tab < 0 ? "" : line.substring(tab + 1);
            switch (key) {
                case "token" -> token = value;
                case "script" -> script = Path.of(value);
                case "submission" -> submission = Path.of(value);
                case "seed" -> seed = value.equals("-") ? null : Long.valueOf(value);
                case "timeoutMillis" -> timeout = Duration.ofMillis(Long.parseLong(value));
                case "tempDir" -> temp = Path.of(value);
                default -> throw new IOException("unknown request line " + key);
            }
        }
        if (token == null || token.length() < 32) {
            throw new IOException("no token on stdin");
        }
        return new Request(token, script, submission, seed, timeout, temp);
    }

    /**
     * Takes the real stdout for the result records, points System.out at stderr (so nothing
     * printed by the lab or submission can mix with them), closes stdin, and with
     * -Dtcplab.sandbox=true installs {@link WorkerSandbox}. Call before any untrusted code runs.
     */
    public static Channel open(Request request) {
        OutputStream raw = new FileOutputStream(FileDescriptor.out);
        PrintStream records = new PrintStream(raw, false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        WorkerSandbox sandbox = null;
        if (Boolean.getBoolean("tcplab.sandbox")) {
            sandbox = WorkerSandbox.install(request.tempDir());
        }
        return new Channel(request.token(), records, sandbox);
    }

    /** The authenticated way back to the parent; only the worker holds it. */
    public static final class Channel {
        private final String token;
        private final PrintStream out;
        private final WorkerSandbox sandbox;

        private Channel(String token, PrintStream out, WorkerSandbox sandbox) {
            this.token = token;
            this.out = out;
            this.sandbox = sandbox;
        }

        public void lab(LabResult lab) {
            JsonWriter w = new JsonWriter(false);
            ResultJson.write(w, lab, true);
            out.print(token + " " + LAB + " " + w + "\n");
            out.flush();
        }

        /** The last record; then the worker exits 0 even if the submission left threads running. */
        public void end() {
            out.print(token + " " + END + "\n");
            out.flush();
            if (sandbox != null) {
                sandbox.permitExit();
            }
            System.exit(0);
        }
    }
}
