package dev.tcplab.stack.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first step of the rule needs no namespace: everything outside net.* is refused by name. */
class NamespacedSysctlTest {
    @Test
    void hostWideTreesAreRefusedNamingTheRule() {
        for (String name : new String[] {"kernel.printk_ratelimit", "vm.swappiness", "fs.file-max", "dev.tty.ldisc_autoload",
                "kernel/printk_ratelimit"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NamespacedSysctl.requireNetworkSetting(name));
            assertTrue(e.getMessage().startsWith("sysctl " + name + " is host-wide: "), e.getMessage());
            assertTrue(e.getMessage().contains("per network namespace"), e.getMessage());
        }
    }

    @Test
    void aPathCannotClimbOutOfNet() {
        for (String name : new String[] {"net/../kernel/printk_ratelimit", "net...kernel", "/net/ipv4/tcp_syn_retries",
                "net.ipv4.tcp_syn_retries; reboot", "net.ipv4.", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NamespacedSysctl.requireNetworkSetting(name));
            assertEquals("not a sysctl name: '" + name + "'", e.getMessage());
        }
    }

    @Test
    void namesMapToProcSysAsSysctlMapsThem() {
        assertEquals("/proc/sys/net/ipv4/tcp_syn_retries", NamespacedSysctl.procPath("net.ipv4.tcp_syn_retries").toString());
        // with a slash the name is a path, and a dot belongs to its component (a VLAN interface)
        assertEquals("/proc/sys/net/ipv4/conf/eth0.1/rp_filter", NamespacedSysctl.procPath("net/ipv4/conf/eth0.1/rp_filter").toString());
        assertDoesNotThrow(() -> NamespacedSysctl.requireNetworkSetting("net.core.somaxconn"));
    }
}
