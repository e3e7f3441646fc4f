package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a submission process sees of this machine, whichever tool builds its sandbox: the system's
 * shared libraries (and the symbolic links that lead to them), the dynamic loader's cache, the JDK
 * and the files it links to outside itself, the staged toolkit at {@link #CLASSPATH} and the
 * submission's private copy at {@link #SUBMISSION} — all read-only. Nothing else is there.
 */
final class SandboxView {
    static final String SUBMISSION = "/submission";
    static final String CLASSPATH = "/tcplab/cp";
    private static final List<String> LIBRARY_DIRS = List.of("/lib", "/lib64", "/lib32", "/usr/lib64",
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu");

    /** One entry: a read-only bind of {@code source} at {@code target}, or a symbolic link at {@code target}. */
    record Entry(boolean link, String source, String target) {}

    private SandboxView() {}

    /** The entries in mount order; {@code extra} host files bound at their own paths (the unshare sandbox's setpriv). */
    static List<Entry> of(Path jdk, List<Path> stagedClasspath, Path submission, List<String> extra) throws IOException {
        List<Entry> v = new ArrayList<>();
        for (String dir : LIBRARY_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                v.add(new Entry(true, Files.readSymbolicLink(p).toString(), dir));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                v.add(new Entry(false, dir, dir));
            }
        }
        if (Files.isRegularFile(Path.of("/etc/ld.so.cache"))) {
            v.add(new Entry(false, "/etc/ld.so.cache", "/etc/ld.so.cache"));
        }
        for (String f : extra) {
            v.add(new Entry(false, f, f));
        }
        v.add(new Entry(false, jdk.toString(), jdk.toString()));
        for (Path target : outsideLinks(jdk)) {
            // bound where the JDK's link points; the tool follows it on this side
            v.add(new Entry(false, target.toString(), target.toString()));
        }
        v.add(new Entry(false, stagedClasspath.isEmpty() ? "/nonexistent" : stagedClasspath.get(0).getParent().toString(),
            CLASSPATH));
        v.add(new Entry(false, submission.toString(), SUBMISSION));
        return v;
    }

    /** The class path as the sandbox sees it. */
    static String classpathInside(List<Path> staged) {
        return String.join(":", staged.stream().map(p -> CLASSPATH + "/" + p.getFileName()).toList());
    }

    /**
     * Files the JDK links to outside itself (Debian's OpenJDK keeps jvm.cfg, security policy and
     * conf files under /etc): bound too, or the JVM would not start. Only lib/ and conf/ matter.
     */
    static Set<Path> outsideLinks(Path jdk) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String sub : List.of("lib", "conf")) {
            Path dir = jdk.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!Files.isSymbolicLink(p)) {
                        continue;
                    }
                    Path target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                    if (!target.startsWith(jdk) && Files.exists(target)) {
                        out.add(target);
                    }
                }
            }
        }
        return out;
    }
}
