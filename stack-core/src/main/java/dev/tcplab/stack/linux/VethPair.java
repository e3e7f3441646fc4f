package dev.tcplab.stack.linux;

import dev.tcplab.stack.wire.Ipv4Address;

/**
 * A veth pair the lab created, named {@code tl<pid>v<n>a} / {@code ...b}. Either one end in a
 * namespace with a TEST-NET address and the other in the root namespace (up, no address, ARP and
 * IPv6 off, for a {@code PcapDevice} to own), or two namespaces joined directly.
 * Offloads are turned off on both ends (tx/rx checksum, TSO, GSO, GRO) so captures show
 * wire-sized segments with real checksums, as in the reference captures; a missing ethtool
 * is tolerated. Deleting one end deletes the pair.
 */
public final class VethPair implements AutoCloseable {
    private final String endA;
    private final String endB;
    private final NetNs nsA; // null: root namespace
    private final NetNs nsB;
    private final TestNet.Cidr addressB;
    private boolean closed;

    private VethPair(String endA, NetNs nsA, String endB, NetNs nsB, TestNet.Cidr addressB) {
        this.endA = endA;
        this.nsA = nsA;
        this.endB = endB;
        this.nsB = nsB;
        this.addressB = addressB;
    }

    /**
     * Joins a lab-owned namespace to the root namespace: the namespace end gets cidr (TEST-NET
     * only, e.g. "192.0.2.2/24"), the root end stays address-less for a pcap device.
     */
    public static VethPair toRoot(NetNs ns, String cidr) {
        ns.requireOwned("add a veth end to");
        TestNet.Cidr address = TestNet.require(cidr);
        String[] names = LabNames.newVethPair();
        VethPair pair = new VethPair(names[0], null, names[1], ns, address);
        pair.build(null, null);
        return pair;
    }

    /** Joins two lab-owned namespaces, each end with its TEST-NET address. */
    public static VethPair between(NetNs a, String cidrA, NetNs b, String cidrB) {
        a.requireOwned("add a veth end to");
        b.requireOwned("add a veth end to");
        TestNet.Cidr addressA = TestNet.require(cidrA);
        TestNet.Cidr addressB = TestNet.require(cidrB);
        String[] names = LabNames.newVethPair();
        VethPair pair = new VethPair(names[0], a, names[1], b, addressB);
        pair.build(a, addressA);
        return pair;
    }

    private void build(NetNs a, TestNet.Cidr addressA) {
        Command.of("ip", "link", "add", endA, "type", "veth", "peer", "name", endB).run().orThrow();
        OwnedResources.add(this);
        try {
            Command.of("ip", "link", "set", endB, "netns", nsB.name()).run().orThrow();
            configureNamespaceEnd(nsB, endB, addressB);
            if (a != null) {
                Command.of("ip", "link", "set", endA, "netns", a.name()).run().orThrow();
                configureNamespaceEnd(a, endA, addressA);
            } else {
                configureRootEnd();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void configureNamespaceEnd(NetNs ns, String dev, TestNet.Cidr address) {
        ns.exec("ip", "addr", "add", address.toString(), "dev", dev).orThrow();
        offloadsOff(ns, dev);
        ns.exec("ip", "link", "set", dev, "up").orThrow();
    }

    /** Root end: no address; no ARP and no IPv6 so the root kernel stays silent on this link. */
    private void configureRootEnd() {
        Command.of("sysctl", "-qw", "net.ipv6.conf." + endA + ".disable_ipv6=1").run(); // absent without IPv6: fine
        Command.of("ip", "link", "set", endA, "arp", "off").run().orThrow();
        offloadsOff(null, endA);
        Command.of("ip", "link", "set", endA, "up").run().orThrow();
    }

    private static void offloadsOff(NetNs ns, String dev) {
        String[] argv = {"ethtool", "-K", dev, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off"};
        try {
            if (ns == null) {
                Command.of(argv).run();
            } else {
                ns.exec(argv);
            }
        } catch (IllegalStateException missingEthtool) {
            // offloads stay on: captures may show big segments and partial checksums; still works
        }
    }

    /** The first end: in the root namespace for {@link #toRoot}, else in namespace a. */
    public String endA() {
        return endA;
    }

    /** The end inside namespace b (the one passed to {@link #toRoot}). */
    public String endB() {
        return endB;
    }

    /** The address of the namespace end (b). */
    public Ipv4Address addressB() {
        return addressB.address();
    }

    /** The root-side end for a pcap device; only for pairs made by {@link #toRoot}. */
    public String rootEnd() {
        if (nsA != null) {
            throw new IllegalStateException("veth " + endA + " is not in the root namespace (pair made by between())");
        }
        return endA;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OwnedResources.remove(this);
        Command.Result r = nsA == null
                ? Command.of("ip", "link", "del", endA).run()
                : Command.of("ip", "-n", nsA.name(), "link", "del", endA).run();
        // already gone when its namespace was deleted first: that is fine
        if (!r.ok() && !r.stderr().contains("Cannot find device") && !r.stderr().contains("No such")
                && !r.stderr().contains("Invalid netns")) {
            r.orThrow();
        }
    }

    @Override
    public String toString() {
        return "veth " + endA + "<->" + endB;
    }
}
