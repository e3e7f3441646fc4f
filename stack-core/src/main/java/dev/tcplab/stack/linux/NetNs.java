package dev.tcplab.stack.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network namespace (`ip netns`). {@link #create()} makes a lab-owned one named
 * {@code tcplab-<pid>-<n>} with lo up and IPv6 disabled (no ND/RS noise in captures, as in the
 * reference setup_ns.sh); it is deleted by {@link #close()} or, failing that, by the JVM
 * shutdown hook. {@link #attach(String)} names an existing namespace the user chose: the lab
 * may run things in it (sockets, ss, nstat) but refuses to reconfigure or delete it.
 */
public final class NetNs implements AutoCloseable {
    private final String name;
    private final boolean owned;
    private boolean closed;

    private NetNs(String name, boolean owned) {
        this.name = name;
        this.owned = owned;
    }

    /**
     * Creates a lab-owned namespace. Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN). First removes what
     * dead runs left ({@link LabNames#sweepStale()}: only names of our scheme whose creating pid is
     * gone), so a lab killed with SIGKILL is cleaned up by the next real-interface use.
     */
    public static NetNs create() {
        LabNames.sweepStaleQuietly();
        NetNs ns = new NetNs(LabNames.newNamespace(), true);
        Command.of("ip", "netns", "add", ns.name).run().orThrow();
        OwnedResources.add(ns);
        try {
            ns.exec("ip", "link", "set", "lo", "up").orThrow();
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            ns.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /**
     * An existing namespace the user named explicitly. Never reconfigured or deleted by the lab;
     * refuses names of the lab's own scheme (those are managed by {@link #create()}).
     */
    public static NetNs attach(String name) {
        if (LabNames.isLabNamespace(name)) {
            throw new IllegalArgumentException("namespace '" + name + "' follows the lab's own naming scheme; "
                    + "use NetNs.create() instead of attaching to another run's namespace");
        }
        String list = Command.of("ip", "netns", "list").run().orThrow().stdout();
        boolean exists = Arrays.stream(list.split("\n")).map(l -> l.strip().split("\\s+")[0]).anyMatch(name::equals);
        if (!exists) {
            throw new IllegalArgumentException("no network namespace named '" + name + "' (see `ip netns list`)");
        }
        return new NetNs(name, false);
    }

    public String name() {
        return name;
    }

    /** True when the lab created it (and so may configure and delete it). */
    public boolean owned() {
        return owned;
    }

    /** Throws unless the lab created this namespace; what is a verb like "set a sysctl in". */
    void requireOwned(String what) {
        if (!owned) {
            throw new IllegalStateException("refusing to " + what + " namespace '" + name
                    + "': the lab did not create it (it was attached by name); only sockets, ss and nstat are allowed there");
        }
        if (closed) {
            throw new IllegalStateException("namespace '" + name + "' is closed");
        }
    }

    /** The argv prefix that runs a program inside this namespace. */
    public List<String> execPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a program inside the namespace (`ip netns exec NAME ...`) with the default timeout. */
    public Command.Result exec(String... argv) {
        return exec(Command.DEFAULT_TIMEOUT, argv);
    }

    public Command.Result exec(Duration timeout, String... argv) {
        List<String> all = new ArrayList<>(execPrefix());
        all.addAll(List.of(argv));
        return new Command(all).run(timeout);
    }

    /** Deletes a lab-owned namespace (and the veth ends inside it); does nothing for an attached one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned) {
            OwnedResources.remove(this);
            Command.Result r = Command.of("ip", "netns", "del", name).run();
            if (!r.ok() && !r.stderr().contains("No such file")) {
                r.orThrow();
            }
        }
    }

    @Override
    public String toString() {
        return "netns " + name + (owned ? "" : " (attached)");
    }
}
