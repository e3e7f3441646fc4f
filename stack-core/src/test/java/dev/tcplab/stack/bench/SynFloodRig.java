package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.ipv4.RouteTable;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.nio.charset.StandardCharsets;

/**
 * The SYN flood, shared by {@link SynFloodBenchmark} (documented main) and the JMH benchmark:
 * spoofed SYNs from TEST-NET-3 203.0.113.0/24 (random source ports, real checksums) built once
 * by {@link #frames} (outside any measurement), fed by {@link #flood} straight into the
 * server's device receive entry, 100 per 1 ms of virtual time (100k SYN/s), against a listener
 * with backlog 128 and default sysctls (tcp_syncookies=1). Replies to the spoofed sources leave
 * through a default route towards the client host, which drops them as not-its-address.
 * Halfway, a legitimate client connects: it must get in (by cookie, the queue being full).
 */
public final class SynFloodRig {
    static final long MS = 1_000_000L;
    static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");

    public final Network net;
    public final Host client;
    public final Host server;
    public final Link link;
    public final Socket listener;
    public int maxQlen;
    public Call<Void> legit;
    public Socket legitSock;
    public long legitAt;

    public SynFloodRig() {
        net = new Network(7);
        BenchClock.timers(net);
        client = net.host("client");
        server = net.host("server");
        link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        link.setCapture(false);
        net.trace().setEnabled(false);
        client.ip().arp().addStatic(SERVER, link.b().mac());
        server.ip().arp().addStatic(CLIENT, link.a().mac());
        server.ip().routes().add(new RouteTable.Route(Ipv4Address.ANY, 0, CLIENT, server.ip().interfaces().get(0)));
        listener = server.socket();
        listener.bind(SERVER, 80);
        listener.listen(128);
    }

    /** The spoofed SYN frames (seeded: the same every call). */
    public static byte[][] frames(int syns) {
        // the MACs are the ones Network gives the first link's ends (02:00:00:00:00:01 and :02)
        SynFloodRig macs = new SynFloodRig();
        Rng rng = new Rng(99);
        TcpOptions synOptions = TcpOptions.syn(1460, true, true, 1, 0, 7);
        byte[][] r = new byte[syns][];
        for (int i = 0; i < syns; i++) {
            Ipv4Address src = new Ipv4Address(0xCB00_7100 | (1 + rng.nextInt(254))); // 203.0.113.1-254
            int sport = 1024 + rng.nextInt(64512);
            TcpRepr syn = new TcpRepr(sport, 80, rng.nextInt(), 0, TcpFlags.SYN, 64240, 0, synOptions, null);
            Ipv4Repr ip = new Ipv4Repr(src, SERVER, IpProtocol.TCP, 64, 0, i & 0xffff, true, syn.length());
            r[i] = Frames.tcp(macs.link.a().mac(), macs.link.b().mac(), ip, syn);
        }
        return r;
    }

    /**
     * Feeds the frames (they are not modified by the receive path, so one array serves many
     * floods), running 1 ms of virtual time every 100, and starts the legitimate client halfway.
     */
    public void flood(byte[][] frames) {
        int half = frames.length / 2;
        for (int i = 0; i < frames.length; i++) {
            server.ip().netifReceive(link.b(), frames[i]);
            if (i % 100 == 99) {
                net.run(MS);
                maxQlen = Math.max(maxQlen, listener.sock().acceptQueue().qlen());
            }
            if (i == half) {
                legitSock = client.socket();
                legit = legitSock.connect(SERVER, 80);
                legitAt = net.now();
            }
        }
    }

    /** After the flood: accepts the legitimate client and checks its data arrives; returns the accept. */
    public Call<Socket> acceptLegit(boolean[] dataOk) {
        Call<Socket> acc = listener.accept();
        net.run(10 * MS);
        dataOk[0] = false;
        if (legit != null && legit.errno() == Errno.OK && acc.isDone() && acc.errno() == Errno.OK) {
            Socket child = acc.value();
            legitSock.send("through the flood");
            net.run(100 * MS);
            dataOk[0] = new String(child.received(), StandardCharsets.UTF_8).equals("through the flood");
        }
        return acc;
    }
}
