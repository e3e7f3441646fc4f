package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        for (SandboxView.Entry e : SandboxView.of(jdk, stagedClasspath, submission, List.of())) {
            c.addAll(e.link() ? List.of("--symlink", e.source(), e.target()) : List.of("--ro-bind", e.source(), e.target()));
        }
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
}
