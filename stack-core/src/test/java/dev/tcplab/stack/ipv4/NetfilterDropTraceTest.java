package dev.tcplab.stack.ipv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A firewall drop is in the trace with its chain, rule and segment (what the reports draw as dropped). */
class NetfilterDropTraceTest {
    static final long MS = 1_000_000L;

    @Test
    void inputAndOutputDropsAreTracedWithTheirRuleAndSegment() {
        Network net = new Network(3);
        Host client = net.host("client");
        Host server = net.host("server");
        net.link(client, "192.0.2.1/24", server, "192.0.2.2/24").setDelay(MS);
        client.ip().netfilter().dropInput("SYN,ACK", (ip, t) -> t.has(TcpFlags.SYN) && t.has(TcpFlags.ACK));
        server.ip().netfilter().dropOutput("second SYN-ACK", (ip, t) -> t.has(TcpFlags.SYN) && net.now() > 500 * MS);
        var listener = server.socket();
        listener.bind(Ipv4Address.parse("192.0.2.2"), 80);
        listener.listen(8);
        client.socket().connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.runUntil(1500 * MS);

        List<TraceEvent.NetfilterDrop> drops = net.trace().of(TraceEvent.NetfilterDrop.class);
        assertTrue(drops.size() >= 2, drops.toString());
        TraceEvent.NetfilterDrop in = drops.get(0);
        assertEquals(List.of("client", "INPUT", "SYN,ACK"), List.of(in.host(), in.chain(), in.rule()));
        // the frame the client's INPUT chain dropped is the one the server put on the wire
        TraceEvent.Frame synAck = net.trace().of(TraceEvent.Frame.class).stream()
            .filter(f -> f.fromNode().equals("server") && Frames.decode(f.bytes()).tcp() != null).findFirst().orElseThrow();
        assertArrayEquals(synAck.bytes(), in.frame());
        assertEquals(synAck.time() + MS, in.time(), "dropped where it arrived, after the link's delay");

        TraceEvent.NetfilterDrop out = drops.stream().filter(d -> d.chain().equals("OUTPUT")).findFirst().orElseThrow();
        assertEquals(List.of("server", "second SYN-ACK"), List.of(out.host(), out.rule()));
        DecodedFrame d = Frames.decode(out.frame());
        assertEquals(Ipv4Address.parse("192.0.2.1"), d.ip().dst());
        assertTrue(d.tcp().has(TcpFlags.SYN) && d.tcp().has(TcpFlags.ACK));
        assertTrue(net.trace().of(TraceEvent.Frame.class).stream().noneMatch(f -> f.time() == out.time()
            && f.fromNode().equals("server")), "an OUTPUT drop never reaches the wire");
    }

    @Test
    void notRecordedWhenFramesAreNot() {
        Network net = new Network(3);
        net.trace().setRecordFrames(false);
        Host client = net.host("client");
        Host server = net.host("server");
        net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        server.ip().netfilter().dropInput("all", (ip, t) -> true);
        client.socket().connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.runUntil(10 * MS);
        assertEquals(List.of(), net.trace().of(TraceEvent.NetfilterDrop.class));
        assertTrue(net.trace().kernelCalls("server").contains("nf_hook_slow"));
    }
}
