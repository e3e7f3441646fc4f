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
 * The command line that starts a submission process inside bubblewrap:
 *
 * <pre>
 * [sh -c 'exec "$@" 3&lt;"$0"' FILTER]          hands the seccomp program to bwrap on fd 3
 * prlimit --cpu --as --fsize --nofile --core   rlimits, before anything else runs
 * [setpriv --reuid --regid --clear-groups      as root: become an unprivileged uid first,
 *          --inh-caps=-all --no-new-privs]     so the sandbox is nobody on this machine too
 * bwrap --unshare-all --die-with-parent --new-session --clearenv
 *       --ro-bind JDK, system libraries, the staged class path at /tcplab/cp,
 *                 the submission's private copy at /submission
 *       --tmpfs /tmp (size-capped) --proc /proc --dev /dev --remount-ro / [--seccomp 3]
 *       JDK/bin/java -Xmx... dev.tcplab.lab.untrusted.SubmissionMain /submission MAXFRAME
 * </pre>
 *
 * --unshare-all gives new user, mount, pid, network (loopback only), ipc, uts and cgroup
 * namespaces: the process sees only its own processes, its own loopback, no host file but
 * those bound read-only, and its own tmpfs.
 */
final class BubblewrapCommand {
    static final String SUBMISSION = "/submission";
    static final String CLASSPATH = "/tcplab/cp";
    static final List<String> LIBRARY_DIRS = List.of("/lib", "/lib64", "/lib32", "/usr/lib64",
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu");

    private BubblewrapCommand() {}

    /**
     * @param uid unprivileged uid to become first (root only), or -1 to stay who we are
     * @param seccomp the filter file, or null for none
     */
    static List<String> build(Path bwrap, Path jdk, List<Path> stagedClasspath, Path submission, SandboxLimits limits,
                              int uid, Path seccomp, List<String> javaCommandTail) throws IOException {
        List<String> c = new ArrayList<>();
        if (seccomp != null) {
            c.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3<\"$0\"", seccomp.toString()));
        }
        c.addAll(rlimits(limits, seccomp == null));
        if (uid >= 0) {
            c.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
                "--no-new-privs", "--"));
        }
        c.add(bwrap.toString());
        c.addAll(List.of("--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "PATH", "/nonexistent",
            "--setenv", "MALLOC_ARENA_MAX", "2"));
        for (String dir : LIBRARY_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                c.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                c.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        if (Files.isRegularFile(Path.of("/etc/ld.so.cache"))) {
            c.addAll(List.of("--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        }
        c.addAll(List.of("--ro-bind", jdk.toString(), jdk.toString()));
        for (Path target : outsideLinks(jdk)) {
            c.addAll(List.of("--ro-bind", target.toString(), target.toString()));
        }
        c.addAll(List.of("--ro-bind", stagedClasspath.isEmpty() ? "/nonexistent" : stagedClasspath.get(0).getParent().toString(),
            CLASSPATH));
        c.addAll(List.of("--ro-bind", submission.toString(), SUBMISSION));
        c.addAll(List.of("--size", Long.toString(limits.tmpSize()), "--tmpfs", "/tmp"));
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--chdir", "/tmp"));
        c.addAll(List.of("--remount-ro", "/")); // bwrap's root is a tmpfs: read-only, so /tmp is the only place to write
        if (seccomp != null) {
            c.addAll(List.of("--seccomp", "3"));
        }
        c.add("--");
        c.add(jdk.resolve("bin").resolve("java").toString());
        c.addAll(javaCommandTail);
        return c;
    }

    /** prlimit's options. Without seccomp, processes are capped by count instead (RLIMIT_NPROC). */
    static List<String> rlimits(SandboxLimits limits, boolean capProcesses) {
        List<String> c = new ArrayList<>(List.of("prlimit",
            "--cpu=" + limits.cpuSeconds(),
            "--as=" + limits.addressSpace(),
            "--fsize=" + limits.fileSize(),
            "--nofile=" + limits.openFiles(),
            "--core=0"));
        if (capProcesses) {
            c.add("--nproc=256");
        }
        c.add("--");
        return c;
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
                        out.add(target); // bwrap follows it on this side; inside, the link finds it here
                    }
                }
            }
        }
        return out;
    }
}
