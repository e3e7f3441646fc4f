package dev.tcplab.stack.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.IpProtocol;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpOptions;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Links no longer copy each frame on delivery (the receivers share it, FrameReceiver's
 * contract): what a lab injects is copied once when it enters the network, so the lab may
 * reuse its array, and a duplicated frame reaches the receiver as the same unchanged bytes.
 */
class FrameOwnershipTest {
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.2");

    @Test
    void anInjectedFrameArrivesAsInjectedEvenIfTheLabReusesItsArray() throws Exception {
        Network net = new Network(3);
        Host client = net.host("client");
        Host server = net.host("server");
        Link link = net.link(client, "192.0.2.1/24", server, "192.0.2.2/24");
        link.setDelay(1_000_000L);
        client.ip().arp().addStatic(SERVER, link.b().mac());
        Socket ls = server.socket();
        ls.bind(SERVER, 80);
        ls.listen(16);
        TcpRepr syn = new TcpRepr(40000, 80, 1000, 0, TcpFlags.SYN, 64240, 0, TcpOptions.syn(1460, true, true, 1, 0, 7), null);
        Ipv4Repr ip = new Ipv4Repr(Ipv4Address.parse("192.0.2.1"), SERVER, IpProtocol.TCP, 64, 0, 1, true, syn.length());
        byte[] frame = Frames.tcp(link.a().mac(), link.b().mac(), ip, syn);
        byte[] original = frame.clone();

        client.injectFrame(SERVER, frame);
        Arrays.fill(frame, (byte) 0); // the lab reuses its buffer before the frame arrives
        net.run(1_500_000L); // the SYN has arrived; the client's RST to the SYN-ACK has not

        assertEquals(1, server.counter("TcpInSegs"), "the SYN as injected reached TCP");
        assertEquals(0, server.counter("DevRxDropped"));
        assertEquals(1, server.counter("TcpOutSegs"), "the server answered the SYN with a SYN-ACK");
        assertArrayEquals(original, PcapReader.read(link.pcap(), "link").records().get(0).data(),
                "the pcap has the frame as injected");
    }

    @Test
    void aDuplicatedFrameReachesTheReceiverAsTheSameUnchangedBytes() {
        Network net = new Network(4);
        Host a = net.host("a");
        Host b = net.host("b");
        Link link = net.link(a, "192.0.2.1/24", b, "192.0.2.2/24");
        link.a().faults().add((fate, rng) -> fate.duplicate("test: duplicate everything"));
        List<byte[]> arrived = new ArrayList<>();
        link.b().attach((dev, f) -> arrived.add(f));
        byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        link.a().transmit(frame);
        net.run(1_000_000L);
        assertEquals(2, arrived.size());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, arrived.get(0));
        assertSame(arrived.get(0), arrived.get(1), "one shared array, not a copy per delivery");
    }
}
