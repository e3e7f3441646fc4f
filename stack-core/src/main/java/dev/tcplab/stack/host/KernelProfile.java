package dev.tcplab.stack.host;

import java.util.Map;

/**
 * Sysctl defaults that changed between kernel versions (linux-handshake.md section 12).
 * The model's behaviour follows the sysctls; a profile only changes their defaults.
 */
public enum KernelProfile {
    /** The reference kernel: linear SYN timeouts (6.5+), tcp_rmem[2] = 32 MiB so wscale 10 (6.16+). */
    LINUX_6_18(Map.of()),
    /** 6.5 .. 6.15: linear SYN timeouts, tcp_rmem[2] = 6 MiB so wscale 7. */
    LINUX_6_12(Map.of("net.ipv4.tcp_rmem", "4096 131072 6291456")),
    /** Before 6.5: purely exponential SYN backoff (1,2,4.. s; ETIMEDOUT at 127 s), wscale 7. */
    LINUX_6_1(Map.of("net.ipv4.tcp_rmem", "4096 131072 6291456", "net.ipv4.tcp_syn_linear_timeouts", "0"));

    private final Map<String, String> overrides;

    KernelProfile(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    Map<String, String> overrides() {
        return overrides;
    }
}
