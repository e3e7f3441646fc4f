package dev.tcplab.stack.realif;

import dev.tcplab.stack.compare.Ladder;
import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.host.TraceEvent;
import dev.tcplab.stack.linux.LinuxHost;
import dev.tcplab.stack.linux.NetNs;
import dev.tcplab.stack.linux.TestNet;
import dev.tcplab.stack.linux.VethPair;
import dev.tcplab.stack.pcap.PcapWriter;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.MacAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A model host and the real Linux kernel on one veth: a lab-owned namespace holding the kernel
 * end (its TEST-NET address), the root end opened as a {@link PcapDevice} that is the model
 * host's interface, the model's {@link Network} loop driven by the wall clock, and a capture of
 * both directions (classic pcap, the driver's virtual times).
 *
 * <p>Threads: the model is touched only by the thread that calls {@link #runUntil}, {@link #runFor}
 * or {@link #call}. A kernel socket call ({@link #call}) runs on a side thread while the calling
 * thread keeps the model running, so a blocking connect() to the model completes instead of
 * waiting for a model that cannot answer.
 *
 * <p>Frames the model sends and receives also go into the network's trace as
 * {@link TraceEvent.Frame}s on link {@link #linkName()} (sent at the loop time of transmit,
 * received at the loop time of delivery), so reports built from the trace show the ladder.
 *
 * <p>Static neighbours both ways (as the reference setup pre-resolved ARP): the model knows the
 * kernel end's MAC, the namespace gets a permanent entry for the model's address. The device
 * still answers ARP requests, in case the kernel asks anyway.
 *
 * <p>{@link #close()} removes everything, also after a failure; so does the JVM shutdown hook of
 * the linux package when close is never reached.
 */
public final class KernelPeer implements AutoCloseable {
    public static final MacAddress DEFAULT_MODEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final Duration CALL_MARGIN = Duration.ofSeconds(5);

    private final Network net;
    private final Host model;
    private final String kernelName;
    private final Ipv4Address modelAddress;
    private final Ipv4Address kernelAddress;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ByteArrayOutputStream capture = new ByteArrayOutputStream();
    private NetNs ns;
    private VethPair veth;
    private LinuxHost linux;
    private PcapDevice device;
    private PcapDevice.Recording recording;
    private PcapWriter writer;
    private WallClockDriver driver;
    private MacAddress kernelMac;
    private java.util.Map<String, Long> nstatBaseline = java.util.Map.of();
    private ExecutorService calls;
    private boolean closed;

    private KernelPeer(Network net, Host model, String kernelName, Ipv4Address modelAddress, Ipv4Address kernelAddress) {
        this.net = net;
        this.model = model;
        this.kernelName = kernelName;
        this.modelAddress = modelAddress;
        this.kernelAddress = kernelAddress;
    }

    /**
     * Builds the namespace, veth, agent and pcap device and gives model its interface
     * (modelCidr, e.g. "192.0.2.1/24"); the kernel end gets kernelCidr ("192.0.2.2/24"). Both must
     * be TEST-NET addresses in one subnet. The wall clock starts now; the loop must not have run
     * ahead of it (call before anything else is scheduled). Fails with what is missing when real
     * interfaces are unavailable; anything half built is removed.
     */
    public static KernelPeer open(Network net, Host model, String modelCidr, String kernelName, String kernelCidr) {
        return open(net, model, modelCidr, DEFAULT_MODEL_MAC, kernelName, kernelCidr);
    }

    public static KernelPeer open(Network net, Host model, String modelCidr, MacAddress modelMac, String kernelName,
                                  String kernelCidr) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(model, "model");
        RealInterfaces.availability().require();
        TestNet.Cidr m = TestNet.require(modelCidr);
        TestNet.Cidr k = TestNet.require(kernelCidr);
        if (m.prefix() != k.prefix() || (m.address().bits() >>> (32 - m.prefix())) != (k.address().bits() >>> (32 - k.prefix()))) {
            throw new IllegalArgumentException("model " + modelCidr + " and kernel " + kernelCidr + " are not in one subnet");
        }
        if (m.address().equals(k.address())) {
            throw new IllegalArgumentException("model and kernel both have " + m.address());
        }
        KernelPeer p = new KernelPeer(net, model, kernelName, m.address(), k.address());
        try {
            p.build(m, modelMac, k);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private void build(TestNet.Cidr m, MacAddress modelMac, TestNet.Cidr k) {
        ns = opened(NetNs.create());
        veth = opened(VethPair.toRoot(ns, k.toString()));
        kernelMac = MacAddress.parse(ns.exec("cat", "/sys/class/net/" + veth.endB() + "/address").orThrow().stdout().strip());
        ns.exec("ip", "neigh", "replace", m.address().toString(), "lladdr", modelMac.toString(), "dev", veth.endB(),
                "nud", "permanent").orThrow();
        linux = opened(LinuxHost.start(ns));
        linux.warmUp();
        nstatBaseline = linux.nstat();
        driver = new WallClockDriver(net.loop());
        device = opened(PcapDevice.open(veth.rootEnd(), modelMac, driver).ownAddress(m.address()));
        try {
            writer = new PcapWriter(capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recording = device.record(writer, driver::toVirtual);
        // a gratuitous ARP for our address: loads the native send path before a lab times anything
        device.transmit(dev.tcplab.stack.wire.Frames.arp(modelMac, MacAddress.BROADCAST, new dev.tcplab.stack.wire.ArpRepr(
                dev.tcplab.stack.wire.ArpRepr.REQUEST, modelMac, m.address(), MacAddress.ZERO, m.address())));
        model.addInterface(new Traced(device), m.address(), m.prefix());
        model.ip().arp().addStatic(k.address(), kernelMac);
        calls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kernel-call-" + ns.name());
            t.setDaemon(true);
            return t;
        });
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    /** The model's device with every frame also written to the network's trace. */
    private final class Traced implements NetDevice {
        private final PcapDevice dev;

        Traced(PcapDevice dev) {
            this.dev = dev;
        }

        @Override
        public String name() {
            return dev.name();
        }

        @Override
        public MacAddress mac() {
            return dev.mac();
        }

        @Override
        public int mtu() {
            return dev.mtu();
        }

        @Override
        public void transmit(byte[] frame) {
            net.trace().add(new TraceEvent.Frame(net.now(), linkName(), model.name(), kernelName, frame.clone(), true, null));
            dev.transmit(frame);
        }

        @Override
        public void attach(FrameReceiver receiver) {
            dev.attach((d, frame) -> {
                net.trace().add(new TraceEvent.Frame(net.now(), linkName(), kernelName, model.name(), frame.clone(), true, null));
                receiver.receive(this, frame);
            });
        }
    }

    /** "model-kernel" host names, as the trace's link name. */
    public String linkName() {
        return model.name() + "-" + kernelName;
    }

    public LinuxHost linux() {
        return linux;
    }

    public NetNs netns() {
        return ns;
    }

    public VethPair veth() {
        return veth;
    }

    public PcapDevice device() {
        return device;
    }

    public WallClockDriver driver() {
        return driver;
    }

    public Host model() {
        return model;
    }

    public Ipv4Address modelAddress() {
        return modelAddress;
    }

    public Ipv4Address kernelAddress() {
        return kernelAddress;
    }

    public MacAddress kernelMac() {
        return kernelMac;
    }

    public String kernelName() {
        return kernelName;
    }

    /** Runs the model on the wall clock until done holds or timeout passes; whether done held. */
    public boolean runUntil(BooleanSupplier done, Duration timeout) {
        requireOpen();
        boolean ok = driver.runUntil(done, timeout);
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while running the model against " + kernelName);
        }
        return ok;
    }

    public void runFor(Duration d) {
        runUntil(() -> false, d);
    }

    /** Runs until the wall clock reaches virtual time t (ns, the loop's clock); at once when already past. */
    public void runTo(long virtualNanos) {
        runFor(Duration.ofNanos(Math.max(0, virtualNanos - driver.virtualNow())));
    }

    /** Virtual time now by the wall clock. */
    public long now() {
        return driver.virtualNow();
    }

    /**
     * Runs kernelCall (a {@link LinuxHost} socket call) on a side thread while this thread keeps
     * the model running; returns its value or rethrows its exception (ErrnoException for a
     * failed call). timeout bounds the call (plus a margin for the agent).
     */
    public <T> T call(Supplier<T> kernelCall, Duration timeout) {
        requireOpen();
        CompletableFuture<T> f = CompletableFuture.supplyAsync(kernelCall, calls);
        f.whenComplete((v, e) -> driver.execute(() -> { })); // wakes the driver from its sleep
        if (!runUntil(f::isDone, timeout.plus(CALL_MARGIN))) {
            f.cancel(true);
            throw new IllegalStateException("the kernel call on " + kernelName + " did not return within " + timeout.plus(CALL_MARGIN));
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The kernel's counters since the peer opened (`nstat -az` minus the baseline taken after the
     * agent's warm-up connection on loopback), every counter nstat knows, zeros included.
     */
    public java.util.Map<String, Long> nstat() {
        java.util.Map<String, Long> now = new java.util.LinkedHashMap<>(linux.nstat());
        now.replaceAll((k, v) -> v - nstatBaseline.getOrDefault(k, 0L));
        return now;
    }

    /** Virtual time of the first TCP segment in the capture, or -1 when none yet. */
    public long firstSegmentAt() {
        try {
            for (dev.tcplab.stack.pcap.PcapReader.Record r : dev.tcplab.stack.pcap.PcapReader.read(pcap(), "capture").records()) {
                if (dev.tcplab.stack.wire.Frames.decode(r.data()).tcp() != null) {
                    return r.timeNanos();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /**
     * The capture so far (classic pcap, nanosecond timestamps = the driver's virtual time of the
     * kernel's capture, both directions), after every frame the model sent came back through it.
     */
    public byte[] pcap() {
        recording.sync();
        synchronized (recording) { // PcapDevice.Recording writes under its own monitor; no buffering in between
            return capture.toByteArray();
        }
    }

    /**
     * The capture as a ladder; segments from client are "C->S". The model's direction is marked
     * {@link Ladder#withScheduledDir scheduled}: the model answers when the scheduler runs this
     * JVM's loop, so only the kernel's segments carry TCP's timing.
     */
    public Ladder ladder(String name, Ipv4Address client) {
        return Ladder.fromPcap(name, pcap(), client).withScheduledDir(modelAddress.equals(client) ? "C->S" : "S->C");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the kernel peer " + kernelName + " is closed");
        }
    }

    /** Closes everything this peer opened, newest first, each even if another fails. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (calls != null) {
            calls.shutdownNow();
        }
        RuntimeException first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("cleanup of " + opened.get(i) + " failed: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "kernel peer " + kernelName + " (" + kernelAddress + ") of " + model.name() + " (" + modelAddress + ")"
                + (ns != null ? " in " + ns.name() : "");
    }
}
