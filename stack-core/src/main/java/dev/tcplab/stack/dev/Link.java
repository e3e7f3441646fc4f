package dev.tcplab.stack.dev;

import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.pcap.PcapWriter;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.MacAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory point-to-point Ethernet link in virtual time, with a delay, an optional rate
 * and per-direction faults. Every frame that enters it is captured (before faults act, as
 * tcpdump on the sender's veth sees it) into the trace and the link's pcap.
 */
public final class Link {
    private final String name;
    private final EventLoop loop;
    private final Trace trace;
    private final Rng rng;
    private final End a;
    private final End b;
    private long delayNanos;
    private long rateBitsPerSecond;
    private final ChunkedByteSink pcapBytes = new ChunkedByteSink();
    private final PcapWriter pcap;
    private boolean capture = true;
    /** Null: the pcap records frames as they enter the link; else as tcpdump on this end sees them. */
    private End captureOn;

    public Link(String name, EventLoop loop, Trace trace, Rng rng, String nodeA, MacAddress macA,
                String nodeB, MacAddress macB) {
        this.name = name;
        this.loop = loop;
        this.trace = trace;
        this.rng = rng;
        this.a = new End(nodeA, name + ":" + nodeA, macA);
        this.b = new End(nodeB, name + ":" + nodeB, macB);
        a.peer = b;
        b.peer = a;
        try {
            this.pcap = new PcapWriter(pcapBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    public End end(String node) {
        if (a.node.equals(node)) {
            return a;
        }
        if (b.node.equals(node)) {
            return b;
        }
        throw new IllegalArgumentException(node + " is not on link " + name);
    }

    public void setDelay(long nanos) {
        this.delayNanos = nanos;
    }

    public long delay() {
        return delayNanos;
    }

    /** 0 = unlimited. */
    public void setRate(long bitsPerSecond) {
        this.rateBitsPerSecond = bitsPerSecond;
    }

    /** Turns packet capture off (trace and pcap), e.g. for a million-SYN benchmark. */
    public void setCapture(boolean on) {
        this.capture = on;
    }

    /**
     * Records the pcap as tcpdump on one end's interface sees it (the reference captures ran on
     * the client's veth): frames that end sends when sent, frames it receives when they arrive,
     * before its host processes them. So a reply the host sends at once follows the frame that
     * caused it, as in a capture. Dropped frames are not seen at the receiving end.
     */
    public void captureOn(End end) {
        if (end != a && end != b) {
            throw new IllegalArgumentException("not an end of link " + name);
        }
        this.captureOn = end;
    }

    private void capturePcap(long now, byte[] frame) {
        try {
            pcap.write(now, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classic pcap file of everything that entered this link so far. */
    public byte[] pcap() {
        try {
            pcap.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pcapBytes.toByteArray();
    }

    /** One end of the link: a NetDevice a host interface (or a switch port) uses. */
    public final class End implements NetDevice {
        private final String node;
        private final String devName;
        private final MacAddress mac;
        private End peer;
        private FrameReceiver receiver;
        private final List<Fault> egressFaults = new ArrayList<>();
        private long busyUntil;

        End(String node, String devName, MacAddress mac) {
            this.node = node;
            this.devName = devName;
            this.mac = mac;
        }

        public String node() {
            return node;
        }

        public Link link() {
            return Link.this;
        }

        @Override
        public String name() {
            return devName;
        }

        @Override
        public MacAddress mac() {
            return mac;
        }

        @Override
        public int mtu() {
            return 1500;
        }

        /** Faults on frames leaving this end (the direction node → peer). */
        public List<Fault> faults() {
            return egressFaults;
        }

        @Override
        public void attach(FrameReceiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void transmit(byte[] frame) {
            long now = loop.now();
            FrameFate fate = new FrameFate(frame, now);
            for (Fault f : egressFaults) {
                if (fate.dropped) {
                    break;
                }
                f.apply(fate, rng);
            }
            if (capture) {
                if (captureOn == null || captureOn == this) {
                    capturePcap(now, frame);
                }
                trace.add(new TraceEvent.Frame(now, name, node, peer.node, frame, !fate.dropped, fate.describe()));
            }
            if (fate.dropped) {
                return;
            }
            long start = Math.max(now, busyUntil);
            long serialization = rateBitsPerSecond > 0 ? (frame.length * 8L * 1_000_000_000L) / rateBitsPerSecond : 0;
            busyUntil = start + serialization;
            long arrival = busyUntil + delayNanos + fate.extraDelay;
            byte[] delivered = fate.frame();
            for (int i = 0; i <= fate.extraCopies; i++) {
                loop.schedule(arrival - now, () -> peer.deliver(delivered));
            }
        }

        /*
         * No copy per frame: the array is shared with the trace, the pcap's duplicates and the
         * other copies of a duplicated frame, and receivers only read it (FrameReceiver's
         * contract; faults that change a frame change a copy, and Ip.injectFrame copies the
         * caller's array once when it enters the network).
         */
        private void deliver(byte[] frame) {
            if (capture && captureOn == this) {
                capturePcap(loop.now(), frame);
            }
            if (receiver != null) {
                receiver.receive(this, frame);
            }
        }
    }
}
