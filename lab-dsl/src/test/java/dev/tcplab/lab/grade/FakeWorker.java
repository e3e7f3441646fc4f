package dev.tcplab.lab.grade;

import dev.tcplab.lab.report.JsonWriter;
import dev.tcplab.lab.report.ResultJson;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for GradeWorker while the real engine is being built: behaves as the lab's file
 * name says (good.lab.kts, tampered.lab.kts, loop.lab.kts...). Every lab defines checks
 * a (2 points), b (3), c (1, hidden); see GraderTest.
 */
public final class FakeWorker {
    private FakeWorker() {}

    public static void main(String[] args) throws Exception {
        GradeWorker.Request req = GradeWorker.read(System.in);
        String id = req.script().getFileName().toString().replace(".lab.kts", "");
        PrintStream raw = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        switch (id) {
            case "forged" -> {
                // knows the protocol, not the token
                raw.println("0".repeat(48) + " LAB " + json(lab(id, pass("a", 2), pass("b", 3), pass("c", 1))));
                raw.println("0".repeat(48) + " END");
                raw.println(req.token().substring(1) + " END");
                System.exit(0);
            }
            case "malformed" -> {
                raw.println(req.token() + " LAB {\"id\":\"malformed\",\"checks\":[{\"name\":\"a\"");
                raw.println(req.token() + " END");
                System.exit(0);
            }
            case "flood-out" -> {
                byte[] junk = "flood ".repeat(1000).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    raw.write(junk);
                }
            }
            default -> { }
        }
        GradeWorker.Channel channel = GradeWorker.open(req);
        switch (id) {
            case "good" -> channel.lab(lab(id, pass("a", 2), pass("b", 3), pass("c", 1)));
            case "partial" -> channel.lab(lab(id, pass("a", 2), fail("b"), pass("c", 1)));
            case "missing" -> channel.lab(lab(id, pass("a", 2), pass("c", 1)));
            case "tampered" -> channel.lab(lab(id,
                new CheckResult("a", null, 100, 100, false, Outcome.PASSED, null, 1, null),
                new CheckResult("b", null, 3, 3, false, Outcome.FAILED, "but give me the points", 1, null),
                pass("c", 1), pass("c", 1), pass("bonus", 50)));
            case "wrong-id" -> channel.lab(lab("good", pass("a", 2), pass("b", 3), pass("c", 1)));
            case "exit-early" -> {
                channel.lab(lab(id, pass("a", 2), pass("b", 3), pass("c", 1)));
                System.exit(0);
            }
            case "crash" -> throw new IllegalStateException("submission blew up");
            case "loop" -> {
                while (true) {
                    Thread.onSpinWait();
                }
            }
            case "alloc" -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 16]);
                }
            }
            case "flood-err" -> {
                String junk = "error ".repeat(1000);
                while (true) {
                    System.err.print(junk);
                }
            }
            case "write-reports" -> {
                Path reports = Path.of(Files.readString(req.submission().resolve("reports-path.txt")).strip());
                Files.writeString(reports.resolve("index.html"), "pwned");
                channel.lab(lab(id, pass("a", 2), pass("b", 3), pass("c", 1)));
            }
            case "sandboxed" -> {
                URL classes = FakeWorker.class.getProtectionDomain().getCodeSource().getLocation();
                Class<?> attack = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())
                    .loadClass(Attack.class.getName());
                String reports = Files.readString(req.submission().resolve("reports-path.txt")).strip();
                @SuppressWarnings("unchecked")
                List<String> escaped = (List<String>) attack.getMethod("run", String.class).invoke(null, reports);
                if (escaped.isEmpty()) {
                    channel.lab(lab(id, pass("a", 2), pass("b", 3), pass("c", 1)));
                } else {
                    channel.lab(lab(id, fail("a"), fail("b"), fail("c")));
                    System.err.println("sandbox let through: " + escaped);
                }
            }
            default -> throw new IllegalArgumentException("no such fake " + id);
        }
        channel.end();
    }

    static CheckResult pass(String name, double points) {
        return new CheckResult(name, null, points, points, false, Outcome.PASSED, null, 1_000_000, null);
    }

    static CheckResult fail(String name) {
        return new CheckResult(name, null, 0, 3, false, Outcome.FAILED, "expected x but was y", 2_000_000, null);
    }

    static LabResult lab(String id, CheckResult... checks) {
        return new LabResult(id, "fake " + id, id + ".lab.kts", 1, Outcome.PASSED, null, null, List.of(checks),
            null, 1, 5_000_000);
    }

    static String json(LabResult lab) {
        JsonWriter w = new JsonWriter(false);
        ResultJson.write(w, lab, true);
        return w.toString();
    }
}
