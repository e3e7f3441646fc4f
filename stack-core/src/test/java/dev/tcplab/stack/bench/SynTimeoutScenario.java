package dev.tcplab.stack.bench;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;

/**
 * The default SYN-timeout lab scenario, shared by {@link SynTimeoutBenchmark} and the JMH
 * benchmark: the server's INPUT chain drops every SYN, the client retransmits
 * (tcp_syn_retries 6, tcp_syn_linear_timeouts 4) until connect() fails with ETIMEDOUT. Trace
 * and capture stay on (a student gets both).
 */
public final class SynTimeoutScenario {
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");

    private SynTimeoutScenario() {}

    /** Builds the network and runs it to ETIMEDOUT (the measured part); returns the network. */
    public static Network run() {
        Network net = new Network(1);
        BenchClock.timers(net);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(20_000);
        server.ip().netfilter().dropInput("-p tcp --syn -j DROP", (ip, tcp) -> tcp.has(TcpFlags.SYN) && !tcp.has(TcpFlags.ACK));
        Socket s = server.socket();
        s.bind(SERVER, 80);
        s.listen(128);
        Socket c = client.socket();
        Call<Void> conn = c.connect(SERVER, 80);
        while (!conn.isDone() && !net.loop().idle()) {
            net.loop().runNext();
        }
        if (conn.errno() != Errno.ETIMEDOUT) {
            throw new IllegalStateException("connect returned " + conn);
        }
        return net;
    }

    /** Virtual time of the last event (ETIMEDOUT), SYN frames the client sent, trace events. */
    public static long[] summary(Network net) {
        long syns = net.trace().of(dev.tcplab.stack.host.TraceEvent.Frame.class).stream()
                .filter(f -> f.fromNode().equals("client"))
                .map(f -> dev.tcplab.stack.wire.Frames.decode(f.bytes()).tcp())
                .filter(t -> t != null && t.has(TcpFlags.SYN)).count();
        return new long[] {net.now(), syns, net.trace().events().size()};
    }
}
