package dev.tcplab.lab.grade;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hostile submission would try inside the grading worker. Loaded by FakeWorker through
 * its own class loader, like submission code. Returns what was NOT refused (empty = sandbox held).
 * Uses only JDK types in its signature: it cannot see the application's classes directly.
 */
public final class Attack {
    private Attack() {}

    public static List<String> run(String reportsDir) {
        List<String> escaped = new ArrayList<>();
        attempt(escaped, "System.exit", () -> System.exit(7));
        attempt(escaped, "write reports", () -> Files.writeString(Path.of(reportsDir, "pwned.txt"), "x"));
        attempt(escaped, "write home", () -> Files.writeString(Path.of(System.getProperty("user.home"), "pwned.txt"), "x"));
        attempt(escaped, "setAccessible token", () -> {
            Field f = Class.forName("dev.tcplab.lab.grade.GradeWorker$Channel", false, ClassLoader.getSystemClassLoader())
                .getDeclaredField("token");
            f.setAccessible(true);
        });
        attempt(escaped, "setOut", () -> System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err))));
        attempt(escaped, "open stdout", () -> new FileOutputStream(FileDescriptor.out).write('x'));
        attempt(escaped, "exec", () -> new ProcessBuilder("true").start().waitFor());
        attempt(escaped, "setSecurityManager", () -> System.setSecurityManager(null));
        // the sandbox must not get in the way of ordinary work in the temp dir
        try {
            Files.writeString(Files.createTempFile("ok", ".txt"), "fine");
        } catch (Exception e) {
            escaped.add("temp file refused: " + e);
        }
        return escaped;
    }

    private interface Risky {
        void run() throws Exception;
    }

    private static void attempt(List<String> escaped, String what, Risky r) {
        try {
            r.run();
            escaped.add(what);
        } catch (SecurityException refused) {
            // as it should be
        } catch (Exception other) {
            escaped.add(what + " failed otherwise: " + other);
        }
    }
}
