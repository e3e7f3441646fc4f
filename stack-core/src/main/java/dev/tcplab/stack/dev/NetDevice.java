package dev.tcplab.stack.dev;

import dev.tcplab.stack.wire.MacAddress;

/**
 * A network device as the stack sees it (struct net_device): frames out with
 * {@link #transmit}, frames in through the receiver the host attaches. An in-memory link end
 * and a pcap-backed real interface both implement it, so the stack cannot tell them apart.
 */
public interface NetDevice {
    String name();

    MacAddress mac();

    int mtu();

    /** Hands a whole Ethernet frame (no FCS) to the device. */
    void transmit(byte[] frame);

    /** Where received frames go (the host's netif_receive_skb). */
    void attach(FrameReceiver receiver);

    /**
     * Receives a frame. The array is shared (with the trace, the pcap, other copies of a
     * duplicated frame): a receiver reads it and copies it before changing anything.
     */
    @FunctionalInterface
    interface FrameReceiver {
        void receive(NetDevice dev, byte[] frame);
    }
}
