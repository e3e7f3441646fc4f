package dev.tcplab.stack.tcp;

import dev.tcplab.stack.wire.Ipv4Address;

/** The established-hash key, seen from the local side. */
public record FourTuple(Ipv4Address localAddr, int localPort, Ipv4Address remoteAddr, int remotePort) {
    @Override
    public String toString() {
        return localAddr + ":" + localPort + ">" + remoteAddr + ":" + remotePort;
    }
}
