package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A private copy of a submission folder, the only form in which the grader reads a submission
 * and the only one a sandbox sees. Made without following any link: regular files only (a
 * symbolic link, a device, a pipe or a socket is refused, and so is a file with more than one
 * hard link, which could be another file of this machine under a new name), at most
 * {@link #MAX_FILE} bytes each, {@link #MAX_TOTAL} in all, {@link #MAX_FILES} files,
 * {@link #MAX_DEPTH} folders deep. What was refused is kept with the reason, so a lab can say
 * why a file it needs is missing.
 *
 * <p>Assumes the folder does not change while it is copied (a grader copies uploads at rest).
 */
public final class SubmissionCopy {
    public static final long MAX_FILE = 1L << 20;
    public static final long MAX_TOTAL = 16L << 20;
    public static final int MAX_FILES = 1000;
    public static final int MAX_DEPTH = 8;

    private final Path dir;
    private final Map<String, String> refused;

    private SubmissionCopy(Path dir, Map<String, String> refused) {
        this.dir = dir;
        this.refused = Collections.unmodifiableMap(refused);
    }

    /** The copy's folder. */
    public Path dir() {
        return dir;
    }

    /** Relative path (with '/') to why it was not copied. */
    public Map<String, String> refused() {
        return refused;
    }

    /** Copies {@code source} into {@code into} (an empty folder). */
    public static SubmissionCopy make(Path source, Path into) throws IOException {
        Map<String, String> refused = new LinkedHashMap<>();
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("not a folder (or a link to one): " + source);
        }
        long[] total = {0};
        int[] files = {0};
        Files.walkFileTree(source, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH + 1,
            new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Path rel = source.relativize(d);
                    if (rel.getNameCount() > MAX_DEPTH) {
                        refused.put(name(rel), "folders nested deeper than " + MAX_DEPTH);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(into.resolve(rel.toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    String rel = name(source.relativize(f));
                    String why = refusal(f, attrs, total[0], files[0]);
                    if (why != null) {
                        refused.put(rel, why);
                        return FileVisitResult.CONTINUE;
                    }
                    long n = copy(f, into.resolve(rel), MAX_FILE);
                    if (n < 0) {
                        refused.put(rel, "larger than " + MAX_FILE + " bytes");
                        Files.deleteIfExists(into.resolve(rel));
                        return FileVisitResult.CONTINUE;
                    }
                    total[0] += n;
                    files[0]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    refused.put(name(source.relativize(f)), "unreadable: " + e.getClass().getSimpleName());
                    return FileVisitResult.CONTINUE;
                }
            });
        return new SubmissionCopy(into, refused);
    }

    private static String refusal(Path f, BasicFileAttributes attrs, long total, int files) throws IOException {
        if (attrs.isSymbolicLink()) {
            return "it is a symbolic link (submit the file itself)";
        }
        if (!attrs.isRegularFile()) {
            return "it is not a regular file";
        }
        Object links = Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (links instanceof Integer n && n > 1) {
            return "it has " + n + " hard links (submit a file of its own, not a link to another)";
        }
        if (attrs.size() > MAX_FILE) {
            return "larger than " + MAX_FILE + " bytes";
        }
        if (total + attrs.size() > MAX_TOTAL) {
            return "the submission is larger than " + MAX_TOTAL + " bytes in all";
        }
        if (files >= MAX_FILES) {
            return "the submission has more than " + MAX_FILES + " files";
        }
        return null;
    }

    /** Copies at most {@code max} bytes without following a link; -1 when the file is longer. */
    private static long copy(Path from, Path to, long max) throws IOException {
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[8192];
            long n = 0;
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
                if (n > max) {
                    return -1;
                }
                out.write(buf, 0, r);
            }
            return n;
        }
    }

    private static String name(Path rel) {
        return rel.toString().replace('\\', '/');
    }
}
