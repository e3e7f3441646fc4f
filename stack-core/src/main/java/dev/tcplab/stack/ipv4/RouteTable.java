package dev.tcplab.stack.ipv4;

import dev.tcplab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/** The host's IPv4 routes: longest prefix wins (fib_lookup). Connected routes come with addresses. */
public final class RouteTable {
    /** A route: gateway null = on-link. */
    public record Route(Ipv4Address destination, int prefixLength, Ipv4Address gateway, Ipv4Interface iface) {}

    private final List<Route> routes = new ArrayList<>();

    public void add(Route r) {
        routes.add(r);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Route lookup(Ipv4Address daddr) {
        Route best = null;
        for (Route r : routes) {
            if (daddr.sameSubnet(r.destination(), r.prefixLength())
                    && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        return best;
    }
}
