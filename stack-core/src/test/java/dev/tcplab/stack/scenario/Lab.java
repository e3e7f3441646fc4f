package dev.tcplab.stack.scenario;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.wire.Ipv4Address;
import java.util.Map;

/**
 * The reference topology (scripts/setup_ns.sh): client 192.0.2.1 and server 192.0.2.2 on one
 * veth-like link. One-way delay 20 µs, close to the veth RTTs in the captures.
 */
final class Lab {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");

    final Network net;
    final Host client;
    final Host server;
    final Link link;
    final Map<Counter, Long> clientBefore;
    final Map<Counter, Long> serverBefore;

    Lab(long seed) {
        net = new Network(seed);
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        // the reference pre-resolved ARP; so do we, to keep the first SYN at t=0
        client.ip().arp().addStatic(SERVER, link.b().mac());
        server.ip().arp().addStatic(CLIENT, link.a().mac());
        clientBefore = client.mib().snapshot();
        serverBefore = server.mib().snapshot();
    }

    void at(long t, Runnable r) {
        net.loop().schedule(t - net.now(), r);
    }

    void runUntil(long t) {
        net.runUntil(t);
    }

    SegmentTable table() {
        return SegmentTable.fromPcap(link.pcap(), "192.0.2.1");
    }

    Map<String, Long> clientDelta() {
        return client.mib().since(clientBefore);
    }

    Map<String, Long> serverDelta() {
        return server.mib().since(serverBefore);
    }
}
