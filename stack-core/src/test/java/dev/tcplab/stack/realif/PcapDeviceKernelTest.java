package dev.tcplab.stack.realif;

import dev.tcplab.stack.linux.LinuxHost;
import dev.tcplab.stack.linux.NetNs;
import dev.tcplab.stack.linux.VethPair;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.pcap.PcapWriter;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.wire.ArpRepr;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pcap device against the real kernel, no stack TCP: segments are crafted with the wire reprs
 * and injected on the root-side veth end; the kernel in a lab namespace (192.0.2.2) answers.
 */
class PcapDeviceKernelTest {
    static final Ipv4Address MODEL = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address KERNEL = Ipv4Address.parse("192.0.2.2");
    static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final Duration WAIT = Duration.ofSeconds(3);

    static NetNs ns;
    static VethPair veth;
    static LinuxHost linux;
    static MacAddress kernelMac;

    EventLoop loop = new EventLoop();
    WallClockDriver driver = new WallClockDriver(loop);
    List<DecodedFrame> received = new ArrayList<>();

    @BeforeAll
    static void namespace() {
        RealIfAssumptions.assumeRealInterfaces();
        ns = NetNs.create();
        veth = VethPair.toRoot(ns, "192.0.2.2/24");
        linux = LinuxHost.start(ns);
        int l = linux.socket();
        linux.bind(l, "192.0.2.2", 5000);
        linux.listen(l, 16);
        // the kernel end's MAC, read from sysfs: no ARP from us, so the kernel must ARP for 192.0.2.1
        kernelMac = MacAddress.parse(ns.exec("cat", "/sys/class/net/" + veth.endB() + "/address").orThrow().stdout().strip());
    }

    @AfterAll
    static void cleanup() {
        for (AutoCloseable c : new AutoCloseable[] {linux, veth, ns}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    PcapDevice open() {
        PcapDevice dev = PcapDevice.open(veth.rootEnd(), OUR_MAC, driver).ownAddress(MODEL);
        Thread loopThread = Thread.currentThread();
        dev.attach((d, frame) -> {
            assertSame(loopThread, Thread.currentThread(), "frame delivered off the loop thread");
            received.add(Frames.decode(frame));
        });
        return dev;
    }

    static byte[] syn(int srcPort, int dstPort, int isn, int tsVal) {
        TcpRepr tcp = new TcpRepr(srcPort, dstPort, isn, 0, TcpFlags.SYN, 64240, 0,
                TcpOptions.syn(1460, true, true, tsVal, 0, 10), null);
        return Frames.tcp(OUR_MAC, kernelMac, new Ipv4Repr(MODEL, KERNEL, IpProtocol.TCP, 64, 0, 1, true, 0), tcp);
    }

    Optional<TcpRepr> awaitTcp(Predicate<TcpRepr> match) {
        Predicate<DecodedFrame> m = f -> f.tcp() != null && match.test(f.tcp());
        driver.runUntil(() -> received.stream().anyMatch(m), WAIT);
        return received.stream().filter(m).map(DecodedFrame::tcp).findFirst();
    }

    @Test
    void kernelAnswersOurSynWithItsSynAckAfterWeAnswerItsArp(@TempDir Path tmp) throws Exception {
        int isn = 0x12345678;
        int port = 40000;
        Path pcap = tmp.resolve("a.pcap");
        try (PcapDevice dev = open(); PcapDevice.Recording rec = dev.record(pcap)) {
            dev.transmit(syn(port, 5000, isn, 1000));
            Optional<TcpRepr> synAck = awaitTcp(t -> t.dstPort() == port && t.has(TcpFlags.SYN));
            assertTrue(synAck.isPresent(), "no SYN-ACK within " + WAIT + "; received " + received);
            TcpRepr sa = synAck.get();
            assertEquals(TcpFlags.SYN | TcpFlags.ACK, sa.flags());
            assertEquals(isn + 1, sa.ack());
            assertEquals(5000, sa.srcPort());
            String opts = sa.options().tcpdump();
            assertTrue(opts.matches("mss 1460,sackOK,TS val \\d+ ecr 1000,nop,wscale 10"), opts);
            assertTrue(dev.arpAnswered() >= 1, "the kernel's ARP request was not answered");
            assertTrue(linux.ss().contains("192.0.2.1:" + port), "no request sock in ss:\n" + linux.ss());

            // RST in the window (seq = ISN+1) removes the request sock (tcp_check_req -> reqsk drop)
            TcpRepr rst = new TcpRepr(port, 5000, isn + 1, 0, TcpFlags.RST, 0, 0, null, null);
            dev.transmit(Frames.tcp(OUR_MAC, kernelMac, new Ipv4Repr(MODEL, KERNEL, IpProtocol.TCP, 64, 0, 2, true, 0), rst));
            driver.runFor(Duration.ofMillis(100));
            assertFalse(linux.ss().contains("192.0.2.1:" + port), "request sock survived the RST:\n" + linux.ss());
            assertEquals(0, dev.txErrors(), String.valueOf(dev.lastError()));
        }
        // the recording holds our SYN, the kernel's SYN-ACK and our RST (plus ARP). When a loaded
        // machine delays our RST past the kernel's SYN-ACK timeout (1 s), the kernel retransmits the
        // same SYN-ACK first: that is the kernel's decision, not a fault (how late this JVM runs is not TCP)
        List<DecodedFrame> recorded = PcapReader.read(pcap).records().stream().map(r -> Frames.decode(r.data())).toList();
        List<TcpRepr> segs = recorded.stream().filter(f -> f.tcp() != null).map(DecodedFrame::tcp).toList();
        List<String> flags = segs.stream().map(t -> TcpFlags.tcpdump(t.flags())).toList();
        int firstRst = flags.indexOf("R");
        assertTrue(firstRst >= 2 && flags.get(0).equals("S"), flags.toString());
        assertEquals(java.util.Collections.nCopies(firstRst - 1, "S."), flags.subList(1, firstRst), flags.toString());
        assertEquals(1, segs.subList(1, firstRst).stream().map(TcpRepr::seq).distinct().count(),
            "SYN-ACK retransmissions repeat the same segment: " + flags);
        assertTrue(recorded.stream().anyMatch(f -> f.arp() != null), "no ARP in the recording");
    }

    @Test
    void recordedTimesAreTheKernelsEvenWhenThisJvmRunsLate() throws Exception {
        // a permanent neighbour: the kernel answers without asking us (we will not be listening)
        ns.exec("ip", "neigh", "replace", MODEL.toString(), "lladdr", OUR_MAC.toString(), "dev", veth.endB(), "nud", "permanent")
                .orThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long sent;
        long released;
        try (PcapDevice dev = open()) {
            PcapDevice.Recording rec = dev.record(new PcapWriter(out), t -> t); // System.nanoTime()'s scale
            synchronized (rec) { // the capture thread cannot record while we hold it: a JVM that runs 200 ms late
                sent = System.nanoTime();
                dev.transmit(syn(40002, 5000, 0x01020304, 3000));
                Thread.sleep(200);
                released = System.nanoTime();
            }
            assertTrue(awaitTcp(t -> t.dstPort() == 40002).isPresent(), "no SYN-ACK; received " + received);
            rec.sync();
            assertEquals(dev.txFrames(), dev.txSeen(), "every frame we sent came back through the capture");
            rec.close();
            TcpRepr rst = new TcpRepr(40002, 5000, 0x01020305, 0, TcpFlags.RST, 0, 0, null, null); // no request sock left behind
            dev.transmit(Frames.tcp(OUR_MAC, kernelMac, new Ipv4Repr(MODEL, KERNEL, IpProtocol.TCP, 64, 0, 3, true, 0), rst));
        } finally {
            ns.exec("ip", "neigh", "del", MODEL.toString(), "dev", veth.endB());
        }
        List<PcapReader.Record> tcp = PcapReader.read(out.toByteArray(), "late").records().stream()
                .filter(r -> Frames.decode(r.data()).tcp() != null).toList();
        assertEquals(List.of("S", "S."), tcp.stream().map(r -> TcpFlags.tcpdump(Frames.decode(r.data()).tcp().flags())).toList());
        long syn = tcp.get(0).timeNanos();
        long synAck = tcp.get(1).timeNanos();
        assertTrue(syn >= sent - 1_000_000 && syn < released - 100_000_000L, "our SYN at " + (syn - sent) + " ns after transmit()");
        assertTrue(synAck - syn >= 0 && synAck < released - 100_000_000L,
                "the SYN-ACK " + (synAck - syn) + " ns after the SYN, recorded " + (released - synAck) + " ns before we let go");
    }

    @Test
    void synToAClosedPortGetsRstAckSeqZero() {
        int isn = 0xfedcba98;
        try (PcapDevice dev = open()) {
            dev.transmit(syn(40001, 5001, isn, 2000));
            Optional<TcpRepr> rst = awaitTcp(t -> t.dstPort() == 40001);
            assertTrue(rst.isPresent(), "no answer within " + WAIT + "; received " + received);
            // as in reference b_rst_closed_port: Flags [R.], seq 0, ack ISN+1, win 0, no options
            TcpRepr r = rst.get();
            assertEquals(TcpFlags.RST | TcpFlags.ACK, r.flags());
            assertEquals(0, r.seq());
            assertEquals(isn + 1, r.ack());
            assertEquals(0, r.window());
            assertEquals("", r.options().tcpdump());
        }
    }

    @Test
    void framesForOtherMacsAreFilteredOut() {
        try (PcapDevice dev = open()) {
            // the kernel answers an ARP request for its address to our MAC: delivered (an ARP reply)
            dev.transmit(Frames.arp(OUR_MAC, MacAddress.BROADCAST, new ArpRepr(
                    ArpRepr.REQUEST, OUR_MAC, MODEL, MacAddress.ZERO, KERNEL)));
            driver.runUntil(() -> received.stream().anyMatch(f -> f.arp() != null), WAIT);
            DecodedFrame reply = received.stream().filter(f -> f.arp() != null).findFirst().orElse(null);
            assertNotNull(reply, "no ARP reply");
            assertEquals(kernelMac, reply.arp().senderMac());
            assertTrue(received.stream().allMatch(f -> f.ethernet().dst().equals(OUR_MAC) || f.ethernet().dst().isBroadcast()));
        }
    }
}
