package dev.tcplab.stack.ipv4;

import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.wire.Ipv4Address;

/** An address on a device (struct in_ifaddr + its net_device). */
public record Ipv4Interface(NetDevice device, Ipv4Address address, int prefixLength) {
    public boolean onLink(Ipv4Address other) {
        return address.sameSubnet(other, prefixLength);
    }

    public Ipv4Address broadcast() {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return new Ipv4Address(address.bits() | ~mask);
    }
}
