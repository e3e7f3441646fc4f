package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private directory, made once per grading JVM, that the sandbox's unprivileged uid can read:
 * the toolkit's class path hard-linked (or copied) under {@code cp/}, and a folder per submission
 * copy. Needed because the class path may sit where that uid cannot go (root's ~/.m2), and so that
 * the sandbox binds exactly these files and nothing beside them. The directory is mode 0711: other
 * users can pass through to a name they know, not list it; it is removed when this JVM exits.
 */
final class Staging {
    private final Path root;
    private final List<Path> classpath;
    private int submissions;

    private Staging(Path root, List<Path> classpath) {
        this.root = root;
        this.classpath = classpath;
    }

    /** Stages {@code entries} (jars and class directories) into a new private directory. */
    static Staging of(List<Path> entries) {
        try {
            Path root = Files.createTempDirectory("tcplab-sandbox-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Path cp = Files.createDirectory(root.resolve("cp"));
            List<Path> staged = new ArrayList<>();
            int n = 0;
            for (Path e : entries) {
                if (!Files.exists(e)) {
                    continue;
                }
                Path target = cp.resolve(String.format("%03d-%s", n++, e.getFileName()));
                if (Files.isDirectory(e)) {
                    copyTree(e, target);
                } else {
                    linkOrCopy(e, target);
                }
                staged.add(target);
            }
            openUp(cp);
            return new Staging(root, staged);
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot stage the toolkit for the sandbox: " + e);
        }
    }

    Path root() {
        return root;
    }

    /** The staged class path, host paths under {@code cp/}. */
    List<Path> classpath() {
        return classpath;
    }

    /** A new empty folder to mount a sandbox's root on (the unshare sandbox). */
    synchronized Path newRootDir() throws IOException {
        Path dir = Files.createDirectory(root.resolve("root-" + (++submissions)));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** A new empty folder for one submission copy. */
    synchronized Path newSubmissionDir() throws IOException {
        return Files.createDirectory(root.resolve("submission-" + (++submissions)));
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            if (Files.isReadable(from) && Files.getPosixFilePermissions(from).contains(
                java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                Files.createLink(to, from.toRealPath());
                return;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException crossDevice) {
            // another filesystem, or links not allowed: copy
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try {
                    Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                } catch (FileAlreadyExistsException fine) {
                    // the root
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    linkOrCopy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Directories 0755, files readable by all: the toolkit is public; the sandbox's uid must read it. */
    private static void openUp(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                boolean d = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                var perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (!d && perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                    continue; // readable already; and a hard link's mode is its original's: leave it
                }
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
                if (d) {
                    perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                }
                try {
                    Files.setPosixFilePermissions(p, perms);
                } catch (IOException notOurs) {
                    // a hard link to a file we do not own but can read: already readable
                }
            }
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir left behind is reported by nothing and harms nothing
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // as above
        }
    }
}
