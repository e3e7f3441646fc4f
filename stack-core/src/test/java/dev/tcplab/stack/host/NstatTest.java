package dev.tcplab.stack.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

class NstatTest {
    @Test
    void rendersNonZeroCountersLikeNstat() {
        Network net = new Network(1);
        Host c = net.host("c");
        Host s = net.host("s");
        net.link(c, "192.0.2.1/24", s, "192.0.2.2/24");
        var before = s.mib().snapshot();
        c.socket().connect(Ipv4Address.parse("192.0.2.2"), 81);
        net.run(100_000_000);
        String text = c.nstatText();
        assertTrue(text.startsWith("#kernel\n"), text);
        assertTrue(text.contains("TcpActiveOpens                  1                  0.0"), text);
        assertTrue(text.contains("TcpAttemptFails                 1"), text);
        assertEquals("#kernel\n" + String.format("%-32s%-19d%s%n", "IpInReceives", 1, "0.0"),
                Nstat.delta(s, before).lines().limit(2).reduce("", (a, b) -> a + b + "\n"));
    }
}
