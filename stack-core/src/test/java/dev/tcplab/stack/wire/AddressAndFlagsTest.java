package dev.tcplab.stack.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressAndFlagsTest {
    @Test
    void ipv4TextAndBytes() {
        Ipv4Address a = Ipv4Address.parse("192.0.2.1");
        assertEquals(0xC0000201, a.bits());
        assertEquals("192.0.2.1", a.toString());
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        byte[] b = new byte[6];
        a.write(b, 1);
        assertArrayEquals(new byte[] {0, (byte) 192, 0, 2, 1, 0}, b);
        assertEquals(a, Ipv4Address.read(b, 1));
        assertTrue(a.sameSubnet(Ipv4Address.parse("192.0.2.200"), 24));
        assertFalse(a.sameSubnet(Ipv4Address.parse("192.0.3.1"), 24));
        assertTrue(a.sameSubnet(Ipv4Address.parse("10.0.0.1"), 0));
        assertFalse(a.sameSubnet(Ipv4Address.parse("192.0.2.2"), 32));
        assertThrows(IllegalArgumentException.class, () -> a.sameSubnet(a, 33));
        assertTrue(Ipv4Address.parse("224.0.0.1").isMulticast());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 "})
    void badIpv4TextIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    }

    @Test
    void macTextAndBytes() {
        MacAddress m = MacAddress.parse("d6:ed:A5:4f:5e:8e");
        assertEquals(0xd6eda54f5e8eL, m.bits());
        assertEquals("d6:ed:a5:4f:5e:8e", m.toString());
        byte[] b = new byte[6];
        m.write(b, 0);
        assertEquals(m, MacAddress.read(b, 0));
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isBroadcast());
        for (String bad : new String[] {"", "02:00:00:00:00", "02:00:00:00:00:0g", "2:00:00:00:00:01", "02-00-00-00-00-01"}) {
            assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(bad), bad);
        }
    }

    @Test
    void flagSpellings() {
        assertEquals("S", TcpFlags.tcpdump(TcpFlags.SYN));
        assertEquals("S.", TcpFlags.tcpdump(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals(".", TcpFlags.tcpdump(TcpFlags.ACK));
        assertEquals("P.", TcpFlags.tcpdump(TcpFlags.PSH | TcpFlags.ACK));
        assertEquals("F.", TcpFlags.tcpdump(TcpFlags.FIN | TcpFlags.ACK));
        assertEquals("R.", TcpFlags.tcpdump(TcpFlags.RST | TcpFlags.ACK));
        assertEquals("R", TcpFlags.tcpdump(TcpFlags.RST));
        assertEquals("SEW", TcpFlags.tcpdump(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR));
        assertEquals("none", TcpFlags.tcpdump(0));
        assertEquals("SA", TcpFlags.letters(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals("AP", TcpFlags.letters(TcpFlags.PSH | TcpFlags.ACK));
        assertEquals("AF", TcpFlags.letters(TcpFlags.FIN | TcpFlags.ACK));
        assertEquals("AR", TcpFlags.letters(TcpFlags.RST | TcpFlags.ACK));
        assertEquals("A", TcpFlags.letters(TcpFlags.ACK));
        assertEquals(".", TcpFlags.letters(0));
    }

    @Test
    void rfc1071Checksum() {
        // RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Checksum.sum(b, 0, b.length, 0));
        assertEquals(0x220d, Checksum.compute(b, 0, b.length));
        assertEquals(Checksum.sum(new byte[] {(byte) 0xab, 0}, 0, 2, 0), Checksum.sum(new byte[] {(byte) 0xab}, 0, 1, 0));
    }
}
