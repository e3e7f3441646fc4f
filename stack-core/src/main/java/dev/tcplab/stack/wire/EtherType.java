package dev.tcplab.stack.wire;

public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;

    private EtherType() {}
}
