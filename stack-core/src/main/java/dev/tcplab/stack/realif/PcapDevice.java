package dev.tcplab.stack.realif;

import dev.tcplab.stack.dev.NetDevice;
import dev.tcplab.stack.pcap.PcapWriter;
import dev.tcplab.stack.wire.ArpRepr;
import dev.tcplab.stack.wire.EtherType;
import dev.tcplab.stack.wire.EthernetFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.MacAddress;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real interface as a {@link NetDevice}, through libpcap (pcap4j 1.8.2): frames the stack
 * transmits are injected with pcap_inject; frames addressed to our MAC (or broadcast) are captured
 * and handed to the attached receiver <em>through the given executor</em> - pass a
 * {@link WallClockDriver} so they reach the stack on the loop thread, never concurrently with it.
 *
 * <p>One capture thread per device runs a blocking pcap_loop in immediate mode (without it a frame
 * waits for the read timeout, and read timeouts do not fire on an idle link); {@link #close()}
 * stops it with pcap_breakloop. The handle captures inbound frames only, with a BPF filter for
 * our MAC and broadcast, in promiscuous mode because our MAC is not the interface's own (the
 * interface's kernel then drops our frames as PACKET_OTHERHOST instead of answering them).
 *
 * <p>ARP: the device answers ARP requests for the addresses in {@link #ownAddress} itself, on the
 * capture thread, and does not pass those requests on - a kernel peer whose requests go unanswered
 * marks the neighbour FAILED and stops talking. Every other frame (ARP replies included) goes to
 * the receiver.
 *
 * <p>The device never reconfigures the interface: promiscuous mode is a per-socket membership
 * that ends with the handle. Open only interfaces the lab created or the user named.
 */
public final class PcapDevice implements NetDevice, AutoCloseable {
    private static final int SNAPLEN = 65536;
    private static final long JOIN_MILLIS = 2000;

    private final String name;
    private final MacAddress mac;
    private final int mtu;
    private final Executor deliver;
    private final PcapHandle handle;
    private final Thread captureThread;
    private final Set<Ipv4Address> owned = new CopyOnWriteArraySet<>();
    private volatile FrameReceiver receiver;
    private volatile Recording recording;
    private volatile boolean closing;
    private volatile Exception captureError;

    private final AtomicLong rxFrames = new AtomicLong();
    private final AtomicLong rxUndelivered = new AtomicLong();
    private final AtomicLong txFrames = new AtomicLong();
    private final AtomicLong txErrors = new AtomicLong();
    private final AtomicLong arpAnswered = new AtomicLong();

    private PcapDevice(String name, MacAddress mac, Executor deliver, PcapHandle handle) {
        this.name = name;
        this.mac = mac;
        this.deliver = deliver;
        this.handle = handle;
        this.mtu = readMtu(name);
        this.captureThread = new Thread(this::captureLoop, "pcap-" + name);
        this.captureThread.setDaemon(true);
    }

    /**
     * Opens interface ifName for a stack whose MAC is mac (must differ from the interface's own
     * MAC). Received frames are posted to deliver (a {@link WallClockDriver}); availability is
     * checked first so a missing libpcap or privilege gives one clear message.
     */
    public static PcapDevice open(String ifName, MacAddress mac, Executor deliver) {
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(deliver, "deliver");
        RealInterfaces.availability().require();
        if (!Files.isDirectory(Path.of("/sys/class/net", ifName))) {
            throw new IllegalArgumentException("no interface named '" + ifName + "' in this network namespace (see `ip link`)");
        }
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(ifName)
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .immediateMode(true)
                    .timeoutMillis(10)
                    .direction(PcapHandle.PcapDirection.IN)
                    .build();
        } catch (PcapNativeException e) {
            throw new IllegalStateException("cannot open " + ifName + " with libpcap: " + e.getMessage()
                    + " (run as root: CAP_NET_ADMIN, CAP_NET_RAW)", e);
        }
        try {
            handle.setFilter("ether dst " + mac + " or ether broadcast", BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new IllegalStateException("cannot set the BPF filter on " + ifName + ": " + e.getMessage(), e);
        }
        PcapDevice dev = new PcapDevice(ifName, mac, deliver, handle);
        dev.captureThread.start();
        return dev;
    }

    /** Tells the device the stack owns this IPv4 address, so it answers ARP requests for it. */
    public PcapDevice ownAddress(Ipv4Address address) {
        owned.add(Objects.requireNonNull(address, "address"));
        return this;
    }

    public Set<Ipv4Address> ownedAddresses() {
        return Set.copyOf(owned);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MacAddress mac() {
        return mac;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /**
     * Injects a whole Ethernet frame. Never throws on a send failure (like a NIC dropping a
     * frame): it is counted in {@link #txErrors()} and the cause kept in {@link #lastError()}.
     */
    @Override
    public void transmit(byte[] frame) {
        if (closing) {
            txErrors.incrementAndGet();
            return;
        }
        try {
            // recorded first: the peer's answer can be captured before sendPacket returns
            Recording r = recording;
            if (r != null) {
                r.write(frame);
            }
            handle.sendPacket(frame);
            txFrames.incrementAndGet();
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            txErrors.incrementAndGet();
            captureError = e;
        }
    }

    @Override
    public void attach(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    /**
     * Records every frame this device sends or receives (after the BPF filter) into a classic
     * pcap; timestamps are nanoseconds since the recording started by the wall clock. Replaces
     * any previous recording (closing it).
     */
    public Recording record(Path file) throws IOException {
        long origin = System.nanoTime();
        return record(new PcapWriter(Files.newOutputStream(file)), () -> System.nanoTime() - origin);
    }

    /**
     * Records into writer with timestamps from clock (e.g. {@code driver::virtualNow}, so the pcap
     * shows the stack's virtual times).
     */
    public Recording record(PcapWriter writer, java.util.function.LongSupplier clock) {
        Recording r = new Recording(writer, clock);
        Recording old = recording;
        recording = r;
        if (old != null) {
            old.close();
        }
        return r;
    }

    /** An active recording; close it to stop (the file is flushed and closed). */
    public final class Recording implements AutoCloseable {
        private final PcapWriter writer;
        private final java.util.function.LongSupplier clock;
        private boolean closed;
        private long frames;

        private Recording(PcapWriter writer, java.util.function.LongSupplier clock) {
            this.writer = writer;
            this.clock = clock;
        }

        synchronized void write(byte[] frame) {
            write(frame, 0);
        }

        /** ageNanos: how long ago the frame was on the wire (pcap's capture timestamp), 0 = now. */
        synchronized void write(byte[] frame, long ageNanos) {
            if (closed) {
                return;
            }
            try {
                writer.write(Math.max(0, clock.getAsLong() - ageNanos), frame);
                frames++;
            } catch (IOException e) {
                captureError = e;
            }
        }

        public synchronized long frames() {
            return frames;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (recording == this) {
                recording = null;
            }
            try {
                writer.close();
            } catch (IOException e) {
                captureError = e;
            }
        }
    }

    private void captureLoop() {
        try {
            handle.loop(-1, this::onFrame);
        } catch (InterruptedException stopped) {
            // pcap_breakloop from close()
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            if (!closing) {
                captureError = e;
            }
        }
    }

    /** On the capture thread: answer ARP for our addresses, hand the rest to the loop thread. */
    private void onFrame(byte[] frame) {
        rxFrames.incrementAndGet();
        Recording r = recording;
        if (r != null) {
            r.write(frame, captureAge());
        }
        if (answerArp(frame)) {
            return;
        }
        FrameReceiver rx = receiver;
        if (rx == null) {
            rxUndelivered.incrementAndGet();
            return;
        }
        deliver.execute(() -> rx.receive(this, frame));
    }

    /**
     * How long ago the kernel captured the current frame (pcap's timestamp, CLOCK_REALTIME, us),
     * so a recording shows when the frame was on the wire, not when this thread got to run - on a
     * loaded machine that can be milliseconds later. 0 when unknown or implausible (clock step).
     */
    private long captureAge() {
        try {
            java.sql.Timestamp ts = handle.getTimestamp();
            if (ts == null) {
                return 0;
            }
            long captured = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            java.time.Instant now = java.time.Instant.now();
            long age = now.getEpochSecond() * 1_000_000_000L + now.getNano() - captured;
            return age >= 0 && age < 1_000_000_000L ? age : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** arp_process for a proxy that owns our addresses: reply to requests, true when consumed. */
    private boolean answerArp(byte[] frame) {
        if (frame.length < EthernetFrame.HEADER_LEN + ArpRepr.LEN || (((frame[12] & 0xff) << 8) | (frame[13] & 0xff)) != EtherType.ARP) {
            return false;
        }
        ArpRepr arp = ArpRepr.parse(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        if (arp == null || arp.operation() != ArpRepr.REQUEST || !owned.contains(arp.targetIp())) {
            return false;
        }
        ArpRepr reply = new ArpRepr(ArpRepr.REPLY, mac, arp.targetIp(), arp.senderMac(), arp.senderIp());
        transmit(Frames.arp(mac, arp.senderMac(), reply));
        arpAnswered.incrementAndGet();
        return true;
    }

    public long rxFrames() {
        return rxFrames.get();
    }

    /** Frames received while no receiver was attached (dropped). */
    public long rxUndelivered() {
        return rxUndelivered.get();
    }

    public long txFrames() {
        return txFrames.get();
    }

    public long txErrors() {
        return txErrors.get();
    }

    public long arpAnswered() {
        return arpAnswered.get();
    }

    /** The last send, capture or recording failure, or null. */
    public Exception lastError() {
        return captureError;
    }

    /** Stops the capture thread (pcap_breakloop) and closes the handle. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException ignored) {
            // already closed
        }
        try {
            captureThread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handle.close();
        Recording r = recording;
        if (r != null) {
            r.close();
        }
    }

    private static int readMtu(String ifName) {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net", ifName, "mtu")).strip());
        } catch (IOException | NumberFormatException e) {
            return 1500;
        }
    }

    @Override
    public String toString() {
        return "pcap " + name + " " + mac;
    }
}
