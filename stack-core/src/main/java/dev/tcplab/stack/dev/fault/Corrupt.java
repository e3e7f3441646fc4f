package dev.tcplab.stack.dev.fault;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.EtherType;
import dev.tcplab.stack.wire.EthernetFrame;

/**
 * netem {@code corrupt p% [c%]}: with probability p one random bit is flipped. The frame is still
 * delivered (via {@link FrameFate#replace}), so the receiver must notice the bad checksum. The bit
 * lies in the IP payload (the TCP header or data), so the IP header stays valid and the TCP
 * checksum fails; a frame with no IP payload (ARP, a truncated packet, a bare IP header) gets a
 * bit of its Ethernet payload flipped instead. Bits are numbered from the first payload byte,
 * most significant bit first ("corrupt bit 123" = byte 15, mask 0x10). The captured original is
 * untouched.
 */
public final class Corrupt implements Fault {
    private final double probability;
    private final CorrelatedBernoulli random;

    public Corrupt(double probability) {
        this(probability, 0);
    }

    public Corrupt(double probability, double correlation) {
        this.probability = Notation.probability("corrupt", probability);
        this.random = new CorrelatedBernoulli(correlation);
    }

    @Override
    public void apply(FrameFate fate, Rng rng) {
        if (!random.next(rng, probability)) {
            return;
        }
        byte[] frame = fate.frame().clone();
        int start = ipPayloadOffset(frame);
        int end = start < 0 ? frame.length : ipPacketEnd(frame);
        String region = "";
        if (start < 0 || start >= end) {
            start = Math.min(EthernetFrame.HEADER_LEN, frame.length);
            end = frame.length;
            region = " of ethernet payload";
            if (start >= end) {
                start = 0;
                region = " of frame";
            }
        }
        if (start >= end) {
            return; // an empty frame has no bit to flip
        }
        int bit = rng.nextInt((end - start) * 8);
        frame[start + bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        fate.replace(frame, "corrupt bit " + bit + region);
    }

    /** Offset of the IPv4 payload, or -1 when the frame does not carry a sane IPv4 header. */
    static int ipPayloadOffset(byte[] frame) {
        int ip = EthernetFrame.HEADER_LEN;
        if (frame.length < ip + 20 || u16(frame, 12) != EtherType.IPV4 || (frame[ip] & 0xf0) != 0x40) {
            return -1;
        }
        int ihl = (frame[ip] & 0x0f) * 4;
        return ihl < 20 || ip + ihl > frame.length ? -1 : ip + ihl;
    }

    /** End of the IPv4 packet (Ethernet padding excluded), never past the frame. */
    private static int ipPacketEnd(byte[] frame) {
        int total = u16(frame, EthernetFrame.HEADER_LEN + 2);
        return Math.min(frame.length, EthernetFrame.HEADER_LEN + total);
    }

    static int u16(byte[] buf, int off) {
        return ((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff);
    }

    @Override
    public String toString() {
        return "corrupt " + Notation.percent(probability)
                + (random.rho() > 0 ? " " + Notation.percent(random.rho()) : "");
    }
}
