package dev.tcplab.stack.tcp;

import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;

/** A received TCP segment with the IP fields the TCP code reads (struct sk_buff + TCP_SKB_CB). */
public record SkBuff(Ipv4Address saddr, Ipv4Address daddr, int tos, TcpRepr th) {
    public int seq() {
        return th.seq();
    }

    public int endSeq() {
        return th.seq() + th.segmentLength();
    }

    public int ackSeq() {
        return th.ack();
    }

    public boolean syn() {
        return th.has(TcpFlags.SYN);
    }

    public boolean ack() {
        return th.has(TcpFlags.ACK);
    }

    public boolean rst() {
        return th.has(TcpFlags.RST);
    }

    public boolean fin() {
        return th.has(TcpFlags.FIN);
    }

    public int flags() {
        return th.flags();
    }

    public int payloadLength() {
        return th.payload().length;
    }
}
