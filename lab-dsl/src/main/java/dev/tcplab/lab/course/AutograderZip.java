package dev.tcplab.lab.course;

import dev.tcplab.lab.engine.LabFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a Gradescope autograder zip ("Zip file upload" autograders): {@code setup.sh} (installs a
 * JDK and bubblewrap with apt; the toolkit comes with the zip), {@code run_autograder} (grades
 * {@code /autograder/submission} into {@code /autograder/results/results.json}), {@code lib/} (the
 * toolkit's jars) and {@code labs/} (each exercise's folder with its solution/, made readable by
 * root only at setup; the sandboxed student code runs as another user and cannot see it). The two
 * scripts carry their executable bit (zip's Unix permissions, written through the JDK's zip file
 * system), as Gradescope runs them directly.
 */
public final class AutograderZip {
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, zip's epoch: no build time in the zip

    private AutograderZip() {}

    /**
     * {@code exercises}: lab scripts (their folders are copied whole); {@code toolkit}: the jars of
     * the class path that runs {@code dev.tcplab.lab.cli.Main}; {@code gradeArgs}: extra arguments
     * for {@code tcplab grade} (each must be a plain word, e.g. "--seed", "7").
     */
    public static Path write(List<Path> exercises, List<Path> toolkit, List<String> gradeArgs, Path zip) throws IOException {
        if (exercises.isEmpty()) {
            throw new IllegalArgumentException("no exercise to put in the autograder (an exercise has a solution/ folder)");
        }
        for (String a : gradeArgs) {
            if (!a.matches("[A-Za-z0-9._=:-]+")) {
                throw new IllegalArgumentException("grade argument '" + a + "' is not a plain word");
            }
        }
        Set<Path> folders = new LinkedHashSet<>();
        for (Path script : exercises) {
            Path folder = script.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder.resolve("solution"))) {
                throw new IllegalArgumentException(LabFiles.id(script) + " has no solution/ folder: Gradescope needs the "
                    + "reference solution to list the exercise's checks");
            }
            folders.add(folder);
        }
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Files.deleteIfExists(zip);
        try (FileSystem out = FileSystems.newFileSystem(zip, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            script(out, "setup.sh", resource("setup.sh"));
            script(out, "run_autograder", resource("run_autograder").replace("@ARGS@", String.join(" ", gradeArgs)));
            Set<String> names = new LinkedHashSet<>();
            for (Path jar : toolkit) {
                String name = jar.getFileName().toString();
                if (!names.add(name)) {
                    name = names.size() + "-" + name; // two jars of one name from different places
                }
                entry(out, "lib/" + name, Files.readAllBytes(jar));
            }
            for (Path folder : folders) {
                for (Path f : files(folder)) {
                    String rel = folder.relativize(f).toString().replace('\\', '/');
                    entry(out, "labs/" + folder.getFileName() + "/" + rel, Files.readAllBytes(f));
                }
            }
        }
        return zip;
    }

    /** The regular files of a lab folder in sorted order, without build output or links. */
    private static List<Path> files(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted().toList()) {
                Path rel = folder.relativize(p);
                if (rel.getNameCount() > 0 && (rel.getName(0).toString().equals("target")
                    || rel.getName(0).toString().startsWith("."))) {
                    continue;
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = AutograderZip.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void script(FileSystem out, String name, String text) throws IOException {
        Path p = entry(out, name, text.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path entry(FileSystem out, String name, byte[] bytes) throws IOException {
        Path p = out.getPath(name);
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Files.write(p, bytes);
        Files.setLastModifiedTime(p, FileTime.fromMillis(FIXED_TIME));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    /** The jars of this JVM's class path (the CLI's: its one shaded jar). */
    public static List<Path> ownClassPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
