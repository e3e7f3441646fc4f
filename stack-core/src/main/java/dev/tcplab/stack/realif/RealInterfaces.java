package dev.tcplab.stack.realif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this process can use real interfaces and namespaces: CAP_NET_ADMIN and CAP_NET_RAW
 * (i.e. root), native libpcap, and iproute2's `ip`. Callers and tests ask before they start so
 * the user gets one message that says what is missing and how to fix it.
 */
public final class RealInterfaces {
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;
    static final int CAP_SYS_ADMIN = 21; // ip netns add mounts the namespace file

    private RealInterfaces() {}

    /** Ok, or the reason with the fix. */
    public record Availability(boolean ok, String reason) {
        static final Availability OK = new Availability(true, "ok");

        /** Throws IllegalStateException with the reason unless ok. */
        public void require() {
            if (!ok) {
                throw new IllegalStateException(reason);
            }
        }
    }

    private static Availability cached;

    public static synchronized Availability availability() {
        if (cached == null) {
            cached = probe();
        }
        return cached;
    }

    private static Availability probe() {
        List<String> missing = new ArrayList<>();
        if (!hasCapabilities()) {
            missing.add("not privileged: run as root (CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_ADMIN for `ip netns`)");
        }
        String pcap = libpcapProblem();
        if (pcap != null) {
            missing.add("native libpcap not loadable (" + pcap + "): apt-get install -y libpcap0.8 iproute2");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip")) && !Files.isExecutable(Path.of("/bin/ip"))) {
            missing.add("iproute2's `ip` not found: apt-get install -y iproute2");
        }
        if (missing.isEmpty()) {
            return Availability.OK;
        }
        return new Availability(false, "real interfaces unavailable: " + String.join("; ", missing));
    }

    /** Effective capabilities from /proc/self/status (CapEff is a hex bit mask). */
    static boolean hasCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return bit(caps, CAP_NET_ADMIN) && bit(caps, CAP_NET_RAW) && bit(caps, CAP_SYS_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static boolean bit(long caps, int cap) {
        return (caps & (1L << cap)) != 0;
    }

    /** Null when libpcap loads; else what went wrong (UnsatisfiedLinkError and friends). */
    static String libpcapProblem() {
        try {
            String v = org.pcap4j.core.Pcaps.libVersion();
            return v == null ? "pcap_lib_version returned nothing" : null;
        } catch (Throwable t) { // UnsatisfiedLinkError, then NoClassDefFoundError on later calls
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }
}
