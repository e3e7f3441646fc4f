package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.MacAddress;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The model host's end of packetdrill's tun device: what the host transmits is captured with
 * its virtual time (packetdrill sniffs the tun), and packets the script sends are handed to the
 * host's receive path (packetdrill writes them into the tun). Nothing is delayed or lost.
 */
final class TunDevice implements NetDevice {
    /** A frame the host sent and when (ns of virtual time). */
    record Captured(long timeNs, DecodedFrame frame) {}

    static final MacAddress HOST_MAC = new MacAddress(0x0200_0000_0001L);
    static final MacAddress PEER_MAC = new MacAddress(0x0200_0000_0002L);

    private final EventLoop loop;
    private final Deque<Captured> outbound = new ArrayDeque<>();
    private final PacketdrillRunner.WireTap tap;
    private FrameReceiver receiver;

    TunDevice(EventLoop loop, PacketdrillRunner.WireTap tap) {
        this.loop = loop;
        this.tap = tap;
    }

    @Override
    public String name() {
        return "tun0";
    }

    @Override
    public MacAddress mac() {
        return HOST_MAC;
    }

    @Override
    public int mtu() {
        return 1500;
    }

    @Override
    public void transmit(byte[] frame) {
        tap.frame(loop.now(), frame.clone());
        outbound.add(new Captured(loop.now(), Frames.decode(frame)));
    }

    @Override
    public void attach(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    /** Delivers a frame to the host at the current virtual time. */
    void inject(byte[] frame) {
        tap.frame(loop.now(), frame.clone());
        receiver.receive(this, frame);
    }

    Deque<Captured> outbound() {
        return outbound;
    }
}
