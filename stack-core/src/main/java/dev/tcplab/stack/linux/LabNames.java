package dev.tcplab.stack.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of everything the lab creates carry the creating JVM's pid, so leftovers of a crashed
 * run can be told from live ones (and from anything the lab did not create):
 * namespaces {@code tcplab-<pid>-<n>}, veth ends {@code tl<pid>v<n>a|b} (IFNAMSIZ allows 15
 * characters, so interfaces get the short prefix).
 */
public final class LabNames {
    public static final String NAMESPACE_PREFIX = "tcplab-";
    public static final String LINK_PREFIX = "tl";

    static final Pattern NAMESPACE = Pattern.compile("tcplab-(\\d+)-(\\d+)");
    static final Pattern LINK = Pattern.compile("tl(\\d+)v(\\d+)[ab]");

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private LabNames() {}

    static String newNamespace() {
        return NAMESPACE_PREFIX + PID + "-" + NEXT.getAndIncrement();
    }

    /** Both ends of a new veth pair: [root-or-first side, namespace side]. */
    static String[] newVethPair() {
        int n = NEXT.getAndIncrement();
        return new String[] {LINK_PREFIX + PID + "v" + n + "a", LINK_PREFIX + PID + "v" + n + "b"};
    }

    /** True when the name follows our scheme (whatever pid created it). */
    public static boolean isLabNamespace(String name) {
        return NAMESPACE.matcher(name).matches();
    }

    public static boolean isLabLink(String name) {
        return LINK.matcher(name).matches();
    }

    /** The creating pid, or -1 when the name is not ours. */
    static long ownerPid(String name) {
        Matcher m = NAMESPACE.matcher(name);
        if (!m.matches()) {
            m = LINK.matcher(name);
            if (!m.matches()) {
                return -1;
            }
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Namespaces named by our scheme that exist now (`ip netns list`). */
    public static List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (String line : Command.of("ip", "netns", "list").run().orThrow().stdout().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (isLabNamespace(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Interfaces in the root namespace named by our scheme (`ip -o link`). */
    public static List<String> rootLinks() {
        List<String> names = new ArrayList<>();
        for (String line : Command.of("ip", "-o", "link", "show").run().orThrow().stdout().split("\n")) {
            // "7: tl123v0a@if6: <BROADCAST,..." -> tl123v0a
            String[] fields = line.split(":\\s+", 3);
            if (fields.length >= 2) {
                String name = fields[1].split("@")[0];
                if (isLabLink(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Removes namespaces and root-side veth ends named by our scheme whose creating process is
     * gone (a crashed or killed run). Live runs, this one included, are left alone; names that do
     * not follow the scheme are never touched. Returns what was removed.
     */
    public static List<String> sweepStale() {
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces()) {
            if (!alive(ownerPid(ns)) && Command.of("ip", "netns", "del", ns).run().ok()) {
                removed.add(ns);
            }
        }
        // deleting a namespace deletes the veth ends in it, and with them their root-side peers
        for (String link : rootLinks()) {
            if (!alive(ownerPid(link)) && Command.of("ip", "link", "del", link).run().ok()) {
                removed.add(link);
            }
        }
        return removed;
    }

    /**
     * {@link #sweepStale()} before a new namespace is made; a sweep that cannot run (no `ip`, a
     * namespace another process is deleting at the same moment) never stops the lab: the create
     * that follows reports a real problem itself.
     */
    static void sweepStaleQuietly() {
        try {
            sweepStale();
        } catch (RuntimeException ignored) {
            // see above
        }
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
