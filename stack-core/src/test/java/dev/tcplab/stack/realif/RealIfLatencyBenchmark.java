package dev.tcplab.stack.realif;

import dev.tcplab.stack.linux.LinuxHost;
import dev.tcplab.stack.linux.NetNs;
import dev.tcplab.stack.linux.VethPair;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Latency over a veth pair (a benchmark main, not a test; needs root and libpcap). Figures and the
 * command are in stack-core/REALIF.md.
 * <ol>
 *   <li>model side: SYN injected with pcap_inject on the root-side end until the kernel's SYN-ACK
 *   is seen by the capture thread (our RST then removes the request sock);</li>
 *   <li>kernel to kernel: connect() between two namespaces, timed around the LinuxHost call, so it
 *   includes the agent round trip; that round trip alone (getsockopt SO_ERROR) is reported too.</li>
 * </ol>
 * Arguments: [iterations] (default 2000).
 */
public final class RealIfLatencyBenchmark {
    static final Ipv4Address MODEL = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address KERNEL = Ipv4Address.parse("192.0.2.2");
    static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        RealInterfaces.availability().require();
        synToSynAck(n);
        kernelConnect(Math.max(50, n / 4));
        modelConnect(Math.max(50, n / 4));
    }

    /**
     * connect() of a model client (a KernelPeer: WallClockDriver, pcap device) to a kernel
     * listener: from the model's connect() call until the call completes (SYN-ACK received, ACK
     * sent), on the loop thread; and the reverse, a kernel client's connect() to a model listener
     * timed around the agent call (so incl. one agent round trip).
     */
    static void modelConnect(int n) {
        dev.tcplab.stack.host.Network net = new dev.tcplab.stack.host.Network(1);
        dev.tcplab.stack.host.Host client = net.host("client");
        try (KernelPeer peer = KernelPeer.open(net, client, "192.0.2.1/24", "server", "192.0.2.2/24")) {
            LinuxHost k = peer.linux();
            int l = k.socket();
            k.bind(l, "192.0.2.2", 5000);
            k.listen(l, 4096);
            dev.tcplab.stack.socket.Socket ml = client.socket();
            ml.bind(peer.modelAddress(), 6000);
            ml.listen(4096);
            int warmup = Math.min(50, n / 5);
            long[] model = new long[n];
            long[] kernel = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                dev.tcplab.stack.socket.Socket c = client.socket();
                c.setsockopt(dev.tcplab.stack.socket.SockOpt.SO_LINGER, 0);
                long t0 = System.nanoTime();
                dev.tcplab.stack.socket.Call<Void> conn = c.connect(peer.kernelAddress(), 5000);
                peer.runUntil(conn::isDone, Duration.ofSeconds(2));
                long t1 = System.nanoTime();
                c.close();
                LinuxHost.Accepted acc = peer.call(() -> k.accept(l, Duration.ofSeconds(2)), Duration.ofSeconds(2));
                peer.call(() -> { k.close(acc.fd()); return null; }, Duration.ofSeconds(2));

                int fd = k.socket();
                k.setsockopt(fd, "SO_LINGER", 0);
                long t2 = System.nanoTime();
                peer.call(() -> k.connect(fd, "192.0.2.1", 6000, Duration.ofSeconds(2)), Duration.ofSeconds(2));
                long t3 = System.nanoTime();
                dev.tcplab.stack.socket.Call<dev.tcplab.stack.socket.Socket> a = ml.accept();
                peer.runUntil(a::isDone, Duration.ofSeconds(2));
                peer.call(() -> { k.close(fd); return null; }, Duration.ofSeconds(2));
                a.value().close();
                if (i >= warmup) {
                    model[i - warmup] = t1 - t0;
                    kernel[i - warmup] = t3 - t2;
                }
            }
            report("connect() model client -> kernel server (veth)", model, 0);
            report("connect() kernel client -> model server, incl. agent", kernel, 0);
        }
    }

    static void synToSynAck(int n) throws Exception {
        try (NetNs ns = NetNs.create(); VethPair veth = VethPair.toRoot(ns, "192.0.2.2/24"); LinuxHost linux = LinuxHost.start(ns)) {
            int l = linux.socket();
            linux.bind(l, "192.0.2.2", 5000);
            linux.listen(l, 4096);
            MacAddress kernelMac = MacAddress.parse(ns.exec("cat", "/sys/class/net/" + veth.endB() + "/address").orThrow().stdout().strip());
            LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
            // Runnable::run: receive on the capture thread itself, to time pcap alone
            try (PcapDevice dev = PcapDevice.open(veth.rootEnd(), OUR_MAC, Runnable::run).ownAddress(MODEL)) {
                dev.attach((d, frame) -> {
                    long t = System.nanoTime();
                    DecodedFrame f = Frames.decode(frame);
                    if (f.tcp() != null && f.tcp().flags() == (TcpFlags.SYN | TcpFlags.ACK)) {
                        arrivals.offer(t);
                    }
                });
                int warmup = Math.min(200, n / 5);
                long[] lat = new long[n];
                int lost = 0;
                for (int i = 0; i < warmup + n; i++) {
                    int port = 20000 + (i % 40000);
                    int isn = 0x1000 * i;
                    Ipv4Repr ip = new Ipv4Repr(MODEL, KERNEL, IpProtocol.TCP, 64, 0, i & 0xffff, true, 0);
                    byte[] syn = Frames.tcp(OUR_MAC, kernelMac, ip, new TcpRepr(port, 5000, isn, 0, TcpFlags.SYN, 64240, 0,
                            TcpOptions.syn(1460, true, true, i, 0, 10), null));
                    arrivals.clear(); // a late SYN-ACK from a lost round must not count for this one
                    long t0 = System.nanoTime();
                    dev.transmit(syn);
                    Long t1 = arrivals.poll(1, TimeUnit.SECONDS);
                    if (t1 == null) {
                        lost++;
                    } else if (i >= warmup) {
                        lat[i - warmup] = t1 - t0;
                    }
                    dev.transmit(Frames.tcp(OUR_MAC, kernelMac, ip,
                            new TcpRepr(port, 5000, isn + 1, 0, TcpFlags.RST, 0, 0, null, null)));
                }
                report("SYN -> SYN-ACK, pcap inject -> capture (veth)", lat, lost);
            }
        }
    }

    static void kernelConnect(int n) {
        try (NetNs a = NetNs.create(); NetNs b = NetNs.create();
             VethPair veth = VethPair.between(a, "198.51.100.1/24", b, "198.51.100.2/24");
             LinuxHost server = LinuxHost.start(a); LinuxHost client = LinuxHost.start(b)) {
            int l = server.socket();
            server.bind(l, "198.51.100.1", 6000);
            server.listen(l, 4096);
            int warmup = Math.min(50, n / 5);
            long[] connect = new long[n];
            long[] roundTrip = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                int c = client.socket();
                long t0 = System.nanoTime();
                client.soError(c);
                long t1 = System.nanoTime();
                client.connect(c, "198.51.100.1", 6000, Duration.ofSeconds(2));
                long t2 = System.nanoTime();
                LinuxHost.Accepted acc = server.accept(l, Duration.ofSeconds(2));
                client.setsockopt(c, "SO_LINGER", 0); // RST: no TIME_WAIT pile-up
                client.close(c);
                server.close(acc.fd());
                if (i >= warmup) {
                    roundTrip[i - warmup] = t1 - t0;
                    connect[i - warmup] = t2 - t1;
                }
            }
            report("connect() kernel -> kernel incl. agent round trip", connect, 0);
            report("agent round trip alone (getsockopt SO_ERROR)", roundTrip, 0);
        }
    }

    static void report(String what, long[] nanos, int lost) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-52s n=%d  p50 %6.1f us  p90 %6.1f us  p99 %6.1f us  max %7.1f us  lost %d%n", what, s.length,
                s[s.length / 2] / 1e3, s[(int) (s.length * 0.9)] / 1e3, s[(int) (s.length * 0.99)] / 1e3, s[s.length - 1] / 1e3, lost);
    }
}
