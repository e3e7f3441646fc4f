package dev.tcplab.stack.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which sysctls a lab's Linux host may write: only settings Linux keeps per network namespace, so
 * a lab never changes the machine it runs on.
 *
 * <p>The rule, in two steps:
 * <ol>
 * <li>Only {@code net.*}. Everything else ({@code kernel.*}, {@code vm.*}, {@code fs.*},
 *     {@code dev.*}, {@code user.*}, ...) is one value for the whole machine, whatever namespace
 *     writes it: {@code ip netns exec NS sysctl -w kernel.printk_ratelimit=...} changes the host.</li>
 * <li>Of {@code net.*}, only what the namespace itself registers writable. The kernel decides that,
 *     not a list kept here: host-wide net tables are registered for {@code init_net} only
 *     ({@code register_net_sysctl(&init_net, ...)}, e.g. {@code net.ipv4.tcp_mem},
 *     {@code net.core.netdev_max_backlog}) and so are absent from a child namespace's
 *     {@code /proc/sys/net}, and host-wide entries of per-namespace tables are made read-only
 *     there ({@code ipv4_sysctl_init_net}: "Entries without data pointer are global; Make them
 *     read-only in non-init_net ns"; likewise {@code net.core.rmem_max}, {@code nf_conntrack_max}).
 *     Measured on 6.18.44: a child namespace shows 13 of the root's 42 {@code net.core} entries,
 *     four of them read-only.</li>
 * </ol>
 */
final class NamespacedSysctl {
    /** Dotted ("net.ipv4.tcp_syn_retries") or slashed ("net/ipv4/conf/eth0.1/rp_filter") as sysctl(8) takes them. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_.\\-/]+");

    private NamespacedSysctl() {}

    /** The /proc/sys path of a sysctl name; IllegalArgumentException for a name that is not one. */
    static Path procPath(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || name.contains("//") || name.startsWith("/")
                || name.startsWith(".") || name.endsWith(".") || name.endsWith("/")) {
            throw new IllegalArgumentException("not a sysctl name: '" + name + "'");
        }
        // sysctl(8): with a '/' the name is a path and dots are part of components (eth0.1)
        String relative = name.contains("/") ? name : name.replace('.', '/');
        return Path.of("/proc/sys").resolve(relative);
    }

    /** Step 1 (no namespace needed): refuses every sysctl outside net.* with the rule. */
    static void requireNetworkSetting(String name) {
        Path path = procPath(name);
        String top = path.getName(2).toString();
        if (!top.equals("net")) {
            throw new IllegalArgumentException("sysctl " + name + " is host-wide: " + top + ".* settings are one value for "
                    + "the whole machine, and a lab may change only settings Linux keeps per network namespace "
                    + "(net.*, e.g. net.ipv4.tcp_syn_retries)");
        }
    }

    /** Both steps: step 2 looks at the setting as the namespace sees it. */
    static void requirePerNamespace(NetNs ns, String name) {
        requireNetworkSetting(name);
        String path = procPath(name).toString();
        Command.Result mode = ns.exec("stat", "-L", "-c", "%a", path);
        if (!mode.ok()) {
            boolean inRoot = Files.exists(Path.of(path));
            throw new IllegalArgumentException("sysctl " + name + (inRoot
                    ? " is host-wide: Linux keeps it for the whole machine, not per network namespace (it is absent "
                        + "from the lab's namespace), and a lab may change only per-namespace settings"
                    : ": no such setting in this kernel (" + path + " does not exist)"));
        }
        int bits;
        try {
            bits = Integer.parseInt(mode.stdout().strip(), 8);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read the mode of " + path + ": '" + mode.stdout().strip() + "'");
        }
        if ((bits & 0222) == 0) {
            if (!Files.isWritable(Path.of(path))) {
                throw new IllegalArgumentException("sysctl " + name + " is read-only: Linux reports it, nobody sets it");
            }
            throw new IllegalArgumentException("sysctl " + name + " is host-wide: Linux shares one value across all "
                    + "network namespaces and shows it read-only in the lab's namespace, and a lab may change only "
                    + "per-namespace settings");
        }
    }
}
