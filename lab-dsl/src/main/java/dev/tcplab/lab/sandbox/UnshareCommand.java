package dev.tcplab.lab.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox where bubblewrap is missing, from util-linux alone: unshare makes new user, mount,
 * pid, network, ipc and uts namespaces (the user namespace maps only the unprivileged uid it runs
 * as, so "root" inside is nobody outside); a small sh script builds a new root on a tmpfs with the
 * same read-only binds as {@link BubblewrapCommand}, pivots into it, detaches the old root, makes
 * the new one read-only and execs the JVM through setpriv with no capabilities and no new
 * privileges. There is no seccomp here (setpriv cannot load a filter), so the number of processes
 * is capped by RLIMIT_NPROC instead, and programs the sandbox can see (java, setpriv) can run.
 */
final class UnshareCommand {
    /** Runs as sh -c: $1 the new root, then (op, a, b) triples up to "--", then the command. */
    private static final String SCRIPT = String.join("\n",
        "set -eu",
        "R=$1; shift",
        "mount -t tmpfs -o size=16m,mode=0755 tcplab \"$R\"",
        "while [ \"$1\" != -- ]; do",
        "  op=$1; a=$2; b=$3; shift 3",
        "  case $op in",
        "    ro) if [ ! -d \"$a\" ] && [ -e \"$R$b\" ]; then continue; fi", // a file an earlier bind shows already
        "        if [ -d \"$a\" ]; then mkdir -p \"$R$b\"; else mkdir -p \"$R$(dirname \"$b\")\"; : > \"$R$b\"; fi",
        "        mount --rbind \"$a\" \"$R$b\"; mount -o remount,bind,ro,nosuid,nodev \"$R$b\" ;;",
        "    ln) mkdir -p \"$R$(dirname \"$b\")\"; ln -s \"$a\" \"$R$b\" ;;",
        "    tmp) mkdir -p \"$R$b\"; mount -t tmpfs -o size=$a,mode=1777,nosuid,nodev tcplab-tmp \"$R$b\" ;;",
        "  esac",
        "done",
        "shift",
        "mkdir -p \"$R/proc\" \"$R/dev\" \"$R/.old\"",
        "mount -t proc -o nosuid,nodev,noexec proc \"$R/proc\"",
        "for d in null zero random urandom; do : > \"$R/dev/$d\"; mount --bind \"/dev/$d\" \"$R/dev/$d\"; done",
        "cd \"$R\"",
        "pivot_root . .old",
        "/.old/usr/bin/mount -o remount,bind,ro /",
        "/.old/usr/bin/umount -l /.old",
        "cd /tmp",
        "exec /usr/bin/setpriv --inh-caps=-all --bounding-set=-all --securebits=+noroot,+noroot_locked "
            + "--no-new-privs -- \"$@\"");

    private UnshareCommand() {}

    static List<String> build(Path jdk, List<Path> stagedClasspath, Path submission, SandboxLimits limits, int uid,
                              Path newRoot, List<String> javaCommandTail) throws IOException {
        List<String> c = new ArrayList<>(BubblewrapCommand.rlimits(limits, true));
        if (uid >= 0) {
            c.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
                "--no-new-privs", "--"));
        }
        c.addAll(List.of("unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork", "--kill-child",
            "--net", "--ipc", "--uts", "--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, "sh",
            newRoot.toString()));
        for (SandboxView.Entry e : SandboxView.of(jdk, stagedClasspath, submission, List.of("/usr/bin/setpriv"))) {
            c.addAll(List.of(e.link() ? "ln" : "ro", e.source(), e.target()));
        }
        c.addAll(List.of("tmp", Long.toString(limits.tmpSize()), "/tmp"));
        c.add("--");
        c.add(jdk.resolve("bin").resolve("java").toString());
        c.addAll(javaCommandTail);
        return c;
    }
}
