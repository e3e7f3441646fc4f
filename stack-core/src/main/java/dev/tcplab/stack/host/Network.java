package dev.tcplab.stack.host;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.dev.Switch;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.sim.TimerWheel;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated network: one event loop and virtual clock, one seed, hosts, links and switches,
 * and the trace of everything. Same seed and same actions → byte-identical captures.
 */
public final class Network {
    private final long seed;
    private final Rng rng;
    private final EventLoop loop = new EventLoop();
    private final Trace trace = new Trace();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Switch> switches = new ArrayList<>();
    private int nextMac = 1;

    /**
     * A network whose kernels run their timers on the timer wheel at HZ=250, as the reference
     * kernel (CONFIG_HZ_250), with the phase of jiffies from the seed; {@link #exactTimers()}
     * makes them fire at their nominal times instead.
     */
    public Network(long seed) {
        this.seed = seed;
        this.rng = new Rng(seed);
        timerWheel(TimerWheel.DEFAULT_HZ);
    }

    public long seed() {
        return seed;
    }

    /**
     * Runs the kernels' timers on the kernel's timer wheel at hz (250 as the reference kernel;
     * 100 and 1000 are the other usual CONFIG_HZ), with the phase of jiffies taken from the seed.
     * Call before creating hosts. This is the default at HZ=250.
     */
    public void timerWheel(int hz) {
        timerWheel(hz, new Rng(seed).fork("jiffies").nextLong());
    }

    /** As {@link #timerWheel(int)} with an explicit jiffies phase (ns; where jiffy 0 began). */
    public void timerWheel(int hz, long phaseNs) {
        if (!hosts.isEmpty()) {
            throw new IllegalStateException("set the timer wheel before creating hosts");
        }
        loop.setTimerWheel(new TimerWheel(loop, hz, phaseNs));
    }

    /**
     * Exact nominal timers: each fires at exactly its expiry time (for teaching the nominal
     * values; the kernel's timers run late by up to 12.5 %, see {@link TimerWheel}). Call before
     * creating hosts.
     */
    public void exactTimers() {
        if (!hosts.isEmpty()) {
            throw new IllegalStateException("choose exact timers before creating hosts");
        }
        loop.setTimerWheel(null);
    }

    public EventLoop loop() {
        return loop;
    }

    public Trace trace() {
        return trace;
    }

    public long now() {
        return loop.now();
    }

    public Host host(String name) {
        return host(name, KernelProfile.LINUX_6_18);
    }

    public Host host(String name, KernelProfile profile) {
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("host " + name + " exists");
        }
        Host h = new Host(name, loop, trace, rng, profile);
        hosts.put(name, h);
        return h;
    }

    public Host host(String name, boolean mustExist) {
        Host h = hosts.get(name);
        if (h == null && mustExist) {
            throw new IllegalArgumentException("no host " + name);
        }
        return h;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    public List<Link> links() {
        return List.copyOf(links);
    }

    private MacAddress newMac() {
        return new MacAddress(0x0200_0000_0000L | nextMac++);
    }

    /** A point-to-point link with an address on each end, e.g. "192.0.2.1/24". */
    public Link link(Host a, String aCidr, Host b, String bCidr) {
        String name = a.name() + "-" + b.name();
        Link l = new Link(name, loop, trace, rng.fork("link:" + name), a.name(), newMac(), b.name(), newMac());
        links.add(l);
        addAddress(a, l.a(), aCidr);
        addAddress(b, l.b(), bCidr);
        return l;
    }

    /** A switch for labs with three or more hosts; attach hosts with {@link #attach}. */
    public Switch lan(String name) {
        Switch sw = new Switch(name);
        switches.add(sw);
        return sw;
    }

    /** Connects a host to a switch by a link whose switch end is a switch port. */
    public Link attach(Host h, String cidr, Switch sw) {
        String name = h.name() + "-" + sw.name();
        Link l = new Link(name, loop, trace, rng.fork("link:" + name), h.name(), newMac(), sw.name(), newMac());
        links.add(l);
        addAddress(h, l.a(), cidr);
        sw.addPort(l.b());
        return l;
    }

    private static void addAddress(Host h, Link.End end, String cidr) {
        String[] p = cidr.split("/");
        int prefix = p.length > 1 ? Integer.parseInt(p[1]) : 24;
        h.addInterface(end, Ipv4Address.parse(p[0]), prefix);
    }

    /** Runs every event up to time t (ns). */
    public void runUntil(long t) {
        loop.runUntil(t);
    }

    /** Runs for d more nanoseconds. */
    public void run(long d) {
        loop.runUntil(loop.now() + d);
    }

    /** Runs until nothing is scheduled, or until the limit (ns). */
    public void runToIdle(long limit) {
        while (!loop.idle() && loop.nextEventTime() <= limit) {
            loop.runNext();
        }
    }
}
