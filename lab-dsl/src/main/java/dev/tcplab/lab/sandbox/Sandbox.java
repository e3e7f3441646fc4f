package dev.tcplab.lab.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where submission processes come from. Finds out once which isolation this machine offers
 * (bubblewrap, tried for real with the JDK and class path it will use), stages the toolkit for
 * it, makes private copies of submissions and starts {@link SubmissionProcess}es in it. Under
 * {@link SandboxPolicy#REQUIRE}, a machine without a working sandbox starts nothing: every start
 * throws {@link SandboxUnavailable} saying what is missing.
 */
public final class Sandbox {
    /** The uid a submission runs as when the grader is root: nobody. */
    public static final int SANDBOX_UID = Integer.getInteger("tcplab.sandbox.uid", 65534);
    private static final String MAIN = "dev.tcplab.lab.untrusted.SubmissionMain";
    /** What a submission process needs on its class path: the toolkit and Kotlin, nothing else the grader has. */
    private static final Pattern NEEDED = Pattern.compile(
        "(lab-dsl|stack-core|tcplab|kotlin-|kotlinx-|annotations-|trove4j).*\\.jar");

    private final SandboxPolicy policy;
    private final SandboxLimits limits;
    private final List<Path> classpath;
    private Staging staging;
    private Isolation isolation;
    private String unavailable;
    private Path seccomp;

    private Sandbox(SandboxPolicy policy, SandboxLimits limits, List<Path> classpath) {
        this.policy = policy;
        this.limits = limits;
        this.classpath = classpath;
    }

    /** A sandbox with the toolkit's own class path (found from this class's loaders). */
    public static Sandbox of(SandboxPolicy policy, SandboxLimits limits) {
        return new Sandbox(policy, limits, toolkitClasspath(Sandbox.class.getClassLoader()));
    }

    public SandboxPolicy policy() {
        return policy;
    }

    public SandboxLimits limits() {
        return limits;
    }

    /** The isolation submission processes get here; null under REQUIRE when there is none (see {@link #unavailable()}). */
    public synchronized Isolation isolation() {
        detect();
        return isolation;
    }

    /** Why there is no OS sandbox here, or null when there is one. */
    public synchronized String unavailable() {
        detect();
        return unavailable;
    }

    /** A private copy of {@code submission} that this sandbox's processes can read and the grader reads answers from. */
    public synchronized SubmissionCopy copy(Path submission) throws IOException {
        Path into = staging().newSubmissionDir();
        SubmissionCopy copy = SubmissionCopy.make(submission, into);
        if (root()) {
            // the copy belongs to the sandbox's uid, read-only: other uids (other sandboxes) cannot read it
            grant(into, SANDBOX_UID);
        }
        return copy;
    }

    /**
     * Starts a submission process over {@code copy}; throws SandboxUnavailable when it cannot. The
     * time the caller waits for it, now and later, is counted on {@code waiting}.
     */
    public SubmissionProcess start(SubmissionCopy copy, WaitClock waiting) {
        List<String> command;
        synchronized (this) {
            detect();
            if (isolation == null) {
                throw new SandboxUnavailable(unavailable);
            }
            command = command(copy.dir(), isolation.kind());
        }
        return SubmissionProcess.start(command, limits, waiting);
    }

    private List<String> command(Path submission, Isolation.Kind kind) {
        try {
            if (kind == Isolation.Kind.UNSHARE) {
                List<Path> staged = staging().classpath();
                return UnshareCommand.build(jdk(), staged, submission, limits, root() ? SANDBOX_UID : -1,
                    staging().newRootDir(), javaTail(SandboxView.classpathInside(staged),
                        SandboxView.SUBMISSION, "/tmp"));
            }
            if (kind == Isolation.Kind.BUBBLEWRAP) {
                List<Path> staged = staging().classpath();
                return BubblewrapCommand.build(bwrap(), jdk(), staged, submission, limits, root() ? SANDBOX_UID : -1,
                    seccomp, javaTail(SandboxView.classpathInside(staged), SandboxView.SUBMISSION, "/tmp"));
            }
            List<String> c = new ArrayList<>(BubblewrapCommand.rlimits(limits, false));
            c.add(jdk().resolve("bin").resolve("java").toString());
            c.addAll(javaTail(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                submission.toString(), System.getProperty("java.io.tmpdir")));
            return c;
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot build the sandbox's command: " + e);
        }
    }

    private List<String> javaTail(String cp, String submission, String tmp) {
        return List.of("-Xmx" + limits.heap(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=256m",
            "-XX:CompressedClassSpaceSize=128m", "-XX:MaxDirectMemorySize=32m", "-Xss1m",
            "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + tmp, "-Dfile.encoding=UTF-8",
            "-cp", cp, MAIN, submission, Integer.toString(limits.maxFrame()));
    }

    /** Tries the real thing once: bubblewrap with this JDK and class path, running java -version. */
    private void detect() {
        if (isolation != null || unavailable != null) {
            return;
        }
        if (policy == SandboxPolicy.TRUST) {
            isolation = new Isolation(Isolation.Kind.NONE, "none (--trust-submissions): the submission's code ran in "
                + "a separate process with rlimits, without the operating system's sandbox");
            return;
        }
        boolean forceUnshare = "unshare".equals(System.getProperty("tcplab.sandbox.tool"));
        String why = forceUnshare ? "bubblewrap not used (tcplab.sandbox.tool=unshare)" : probe();
        if (why == null) {
            isolation = new Isolation(Isolation.Kind.BUBBLEWRAP, describe());
            return;
        }
        String unshare = probeUnshare();
        if (unshare == null) {
            isolation = new Isolation(Isolation.Kind.UNSHARE, "unshare + setpriv (" + why + "): new user, mount, pid, "
                + "network, ipc and uts namespaces; " + (root() ? "uid " + SANDBOX_UID + ", " : "")
                + "no new privileges, no capabilities; no seccomp, at most 256 processes; read-only JDK, toolkit and "
                + "submission copy, private /tmp of " + (limits.tmpSize() >> 20) + " MiB; rlimits: " + limits.cpuSeconds()
                + " s CPU, " + (limits.addressSpace() >> 20) + " MiB address space; heap " + limits.heap());
            return;
        }
        why = why + "; and unshare + setpriv did not work either: " + unshare;
        unavailable = why;
        if (policy == SandboxPolicy.PREFER) {
            isolation = new Isolation(Isolation.Kind.NONE, "none (" + why + "): the submission's code ran in a "
                + "separate process with rlimits, without the operating system's sandbox");
        }
    }

    /** The fallback, tried the same way: unshare + setpriv running java -version in the sandbox it builds. */
    private String probeUnshare() {
        if (!root() && !userNamespaces()) {
            return "no unprivileged user namespaces";
        }
        try {
            Path empty = staging().newSubmissionDir();
            if (root()) {
                grant(empty, SANDBOX_UID);
            }
            return tryJava(UnshareCommand.build(jdk(), staging().classpath(), empty, limits, root() ? SANDBOX_UID : -1,
                staging().newRootDir(), List.of("-XX:+UseSerialGC", "-Xmx32m", "-version")), "unshare");
        } catch (IOException | SandboxUnavailable e) {
            return "unshare could not be tried: " + e.getMessage();
        }
    }

    /** Runs a sandbox command whose payload is java -version; null when it worked, else why not. */
    private String tryJava(List<String> cmd, String tool) throws IOException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(8192);
            // wall time: the probe is the grader's own, and a loaded machine must not make it fail
            if (!p.waitFor(limits.wall(limits.start()).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return tool + " did not start java within " + SubmissionProcess.seconds(limits.wall(limits.start()));
            }
            if (p.exitValue() != 0) {
                return tool + " could not start java here (exit status " + p.exitValue() + "): "
                    + new String(out, StandardCharsets.UTF_8).strip();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while " + tool + " was tried";
        }
    }

    private String probe() {
        Path bwrap = bwrap();
        if (bwrap == null) {
            return "bubblewrap (bwrap) is not installed; on Debian: apt-get install bubblewrap";
        }
        if (!root() && !userNamespaces()) {
            return "this machine allows no unprivileged user namespaces (user.max_user_namespaces is 0), which "
                + "bubblewrap needs when not run as root";
        }
        try {
            if (SeccompFilter.supported()) {
                seccomp = staging().root().resolve("seccomp.bpf");
                Files.write(seccomp, SeccompFilter.program());
            }
            Path empty = staging().newSubmissionDir();
            if (root()) {
                grant(empty, SANDBOX_UID);
            }
            return tryJava(BubblewrapCommand.build(bwrap, jdk(), staging().classpath(), empty, limits,
                root() ? SANDBOX_UID : -1, seccomp, List.of("-XX:+UseSerialGC", "-Xmx32m", "-version")), "bubblewrap");
        } catch (IOException | SandboxUnavailable e) {
            return "bubblewrap could not be tried: " + e.getMessage();
        }
    }

    private String describe() {
        return "bubblewrap: new user, mount, pid, network, ipc and uts namespaces; "
            + (root() ? "uid " + SANDBOX_UID + ", " : "") + "no new privileges, no capabilities; "
            + (seccomp != null ? "seccomp (no new processes, no ptrace/mount/bpf/keyrings); " : "")
            + "read-only JDK, toolkit and submission copy, private /tmp of " + (limits.tmpSize() >> 20) + " MiB; "
            + "rlimits: " + limits.cpuSeconds() + " s CPU, " + (limits.addressSpace() >> 20) + " MiB address space; heap "
            + limits.heap();
    }

    private synchronized Staging staging() {
        if (staging == null) {
            staging = Staging.of(classpath);
        }
        return staging;
    }

    private static Path jdk() throws IOException {
        return Path.of(System.getProperty("java.home")).toRealPath();
    }

    private static Path bwrap() {
        Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/local/bin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "bwrap"))) {
                return Path.of(d, "bwrap");
            }
        }
        return null;
    }

    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean userNamespaces() {
        try {
            Path max = Path.of("/proc/sys/user/max_user_namespaces");
            if (Files.isReadable(max) && Integer.parseInt(Files.readString(max).strip()) == 0) {
                return false;
            }
            Path clone = Path.of("/proc/sys/kernel/unprivileged_userns_clone");
            return !Files.isReadable(clone) || !Files.readString(clone).strip().equals("0");
        } catch (IOException | NumberFormatException e) {
            return true; // bubblewrap will say
        }
    }

    /** A launcher jar's Class-Path (surefire's booter, a CLI's manifest): the entries it stands for. */
    private static List<Path> manifestClassPath(Path jar) {
        List<Path> out = new ArrayList<>();
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return out;
        }
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest m = j.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                for (String e : cp.trim().split("\\s+")) {
                    try {
                        out.add(Path.of(jar.getParent().toUri().resolve(e)));
                    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException skip) {
                        // not a file
                    }
                }
            }
        } catch (IOException unreadable) {
            // not a jar we can read: nothing to add
        }
        return out;
    }

    /** Hands a submission copy to {@code uid}: folders r-x, files r--, nothing for anyone else. */
    private static void grant(Path dir, int uid) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "r-x------" : "r--------"));
            }
        }
    }

    /**
     * The toolkit's class path. Inside Maven the engine lives in the plugin's class realm (a
     * URLClassLoader) and java.class.path is only Maven's launcher, so the loaders are asked first.
     * Only what a submission process needs: the toolkit's jars and Kotlin (class folders too, as in
     * tests); the rest of the grader's class path (Maven, pcap4j, JNA) never enters the sandbox.
     */
    static List<Path> toolkitClasspath(ClassLoader loader) {
        Set<Path> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException skip) {
                            // not a plain file URL
                        }
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath());
                entries.addAll(manifestClassPath(Path.of(e).toAbsolutePath()));
            }
        }
        return entries.stream().filter(p -> Files.isDirectory(p) ? !p.toString().contains("test-classes")
            : NEEDED.matcher(p.getFileName().toString()).matches()).toList();
    }
}
