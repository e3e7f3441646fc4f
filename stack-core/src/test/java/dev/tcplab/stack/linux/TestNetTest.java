package dev.tcplab.stack.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs no privileges. */
class TestNetTest {
    @Test
    void acceptsTheThreeDocumentationRanges() {
        assertEquals("192.0.2.2/24", TestNet.require("192.0.2.2/24").toString());
        assertEquals("198.51.100.7/32", TestNet.require("198.51.100.7/32").toString());
        assertEquals("203.0.113.9/24", TestNet.require("203.0.113.9").toString());
    }

    @Test
    void refusesEverythingElseWithTheRangesInTheMessage() {
        for (String bad : new String[] {"10.0.0.1/24", "192.0.3.1/24", "192.168.1.1/24", "127.0.0.1/8", "192.0.2.1/16", "198.51.100.1/33"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestNet.require(bad), bad);
            assertTrue(e.getMessage().contains("192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TestNet.require("192.0.2.x/24"));
    }

    @Test
    void labNamesFollowTheSchemeAndCarryThePid() {
        String ns = LabNames.newNamespace();
        String[] veth = LabNames.newVethPair();
        assertTrue(LabNames.isLabNamespace(ns), ns);
        assertTrue(LabNames.isLabLink(veth[0]) && LabNames.isLabLink(veth[1]));
        assertTrue(veth[0].length() <= 15, "IFNAMSIZ: " + veth[0]);
        assertEquals(ProcessHandle.current().pid(), LabNames.ownerPid(ns));
        assertEquals(ProcessHandle.current().pid(), LabNames.ownerPid(veth[1]));
        assertFalse(LabNames.isLabNamespace("tcplab-keep"));
        assertFalse(LabNames.isLabLink("eth0"));
        assertEquals(-1, LabNames.ownerPid("hs_srv"));
    }
}
