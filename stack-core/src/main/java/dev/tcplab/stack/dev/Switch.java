package dev.tcplab.stack.dev;

import dev.tcplab.stack.wire.EthernetFrame;
import dev.tcplab.stack.wire.MacAddress;
import dev.tcplab.stack.wire.WireError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning Ethernet switch for labs with three or more hosts. Each port is the switch's end
 * of a {@link Link}; unknown and broadcast destinations are flooded, learned ones forwarded.
 * Forwarding itself takes no time (the links carry the delay).
 */
public final class Switch {
    private final String name;
    private final List<NetDevice> ports = new ArrayList<>();
    private final Map<MacAddress, NetDevice> fdb = new HashMap<>();

    public Switch(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void addPort(NetDevice port) {
        ports.add(port);
        port.attach(this::forward);
    }

    private void forward(NetDevice in, byte[] frame) {
        EthernetFrame eth = EthernetFrame.wrap(frame);
        if (eth.check() != WireError.OK) {
            return;
        }
        MacAddress src = eth.src();
        if (!src.isBroadcast()) {
            fdb.put(src, in);
        }
        NetDevice out = fdb.get(eth.dst());
        if (out != null && !eth.dst().isBroadcast()) {
            if (out != in) {
                out.transmit(frame);
            }
            return;
        }
        for (NetDevice p : ports) {
            if (p != in) {
                p.transmit(frame);
            }
        }
    }
}
