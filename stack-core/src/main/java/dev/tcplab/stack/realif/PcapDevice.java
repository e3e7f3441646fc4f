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
 * stops it with pcap_breakloop. The capture handle sees both directions, with a BPF filter for
 * frames to and from our MAC and broadcast, in promiscuous mode because our MAC is not the
 * interface's own (the interface's kernel then drops our frames as PACKET_OTHERHOST instead of
 * answering them). Frames are injected through a second handle that captures nothing: a packet
 * socket never sees its own transmissions, so the capture handle sees ours as they reach the
 * interface, stamped by the kernel like the peer's.
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
    private final PcapHandle injector;
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
    private final AtomicLong txSeen = new AtomicLong();
    private final AtomicLong arpAnswered = new AtomicLong();

    private PcapDevice(String name, MacAddress mac, Executor deliver, PcapHandle handle, PcapHandle injector) {
        this.name = name;
        this.mac = mac;
        this.deliver = deliver;
        this.handle = handle;
        this.injector = injector;
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
        PcapHandle handle = openHandle(ifName, true, "ether dst " + mac + " or ether src " + mac + " or ether broadcast");
        PcapHandle injector;
        try {
            injector = openHandle(ifName, false, "less 1"); // no frame is that short: captures nothing
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        PcapDevice dev = new PcapDevice(ifName, mac, deliver, handle, injector);
        dev.captureThread.start();
        return dev;
    }

    /** A handle on ifName with filter; nanosecond timestamps where libpcap offers them. */
    private static PcapHandle openHandle(String ifName, boolean promiscuous, String filter) {
        PcapHandle handle;
        try {
            handle = builder(ifName, promiscuous).timestampPrecision(PcapHandle.TimestampPrecision.NANO).build();
        } catch (PcapNativeException nano) {
            try {
                handle = builder(ifName, promiscuous).build();
            } catch (PcapNativeException e) {
                throw new IllegalStateException("cannot open " + ifName + " with libpcap: " + e.getMessage()
                        + " (run as root: CAP_NET_ADMIN, CAP_NET_RAW)", e);
            }
        }
        try {
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new IllegalStateException("cannot set the BPF filter on " + ifName + ": " + e.getMessage(), e);
        }
        return handle;
    }

    private static PcapHandle.Builder builder(String ifName, boolean promiscuous) {
        return new PcapHandle.Builder(ifName)
                .snaplen(SNAPLEN)
                .promiscuousMode(promiscuous ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                        : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .immediateMode(true)
                .timeoutMillis(10);
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
     * A recording gets the frame from the capture thread, when the interface has it.
     */
    @Override
    public void transmit(byte[] frame) {
        if (closing) {
            txErrors.incrementAndGet();
            return;
        }
        try {
            injector.sendPacket(frame);
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
        return record(new PcapWriter(Files.newOutputStream(file)), t -> t - origin);
    }

    /**
     * Records into writer, in the order the interface saw the frames, each stamped with the
     * kernel's capture time converted by fromNanoTime from {@code System.nanoTime()}'s scale
     * (e.g. {@code driver::toVirtual}, so the pcap shows the stack's virtual times). Both
     * directions are stamped by the kernel, so a gap between our segment and the peer's answer is
     * the peer's and the wire's, whenever the scheduler ran this JVM.
     */
    public Recording record(PcapWriter writer, java.util.function.LongUnaryOperator fromNanoTime) {
        Recording r = new Recording(writer, fromNanoTime, txFrames.get());
        Recording old = recording;
        recording = r;
        if (old != null) {
            old.close();
        }
        return r;
    }

    /** An active recording; close it to stop (the file is flushed and closed). */
    public final class Recording implements AutoCloseable {
        private static final long SYNC_MILLIS = 2000;
        private final PcapWriter writer;
        private final java.util.function.LongUnaryOperator fromNanoTime;
        private final long realMinusNano = realtimeMinusNanoTime();
        private final long txAtStart;
        private long txRecorded;
        private boolean closed;
        private long frames;

        private Recording(PcapWriter writer, java.util.function.LongUnaryOperator fromNanoTime, long txAtStart) {
            this.writer = writer;
            this.fromNanoTime = fromNanoTime;
            this.txAtStart = txAtStart;
        }

        /**
         * On the capture thread. capturedReal: pcap's timestamp (CLOCK_REALTIME, ns), or -1; a
         * missing or implausible one (a clock step) is replaced by now.
         */
        synchronized void write(byte[] frame, long capturedReal, boolean sent) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            long at = capturedReal - realMinusNano;
            if (capturedReal < 0 || at > now || now - at > 1_000_000_000L) {
                at = now;
            }
            try {
                writer.write(Math.max(0, fromNanoTime.applyAsLong(at)), frame);
                frames++;
                if (sent) {
                    txRecorded++;
                    notifyAll();
                }
            } catch (IOException e) {
                captureError = e;
            }
        }

        public synchronized long frames() {
            return frames;
        }

        /**
         * Waits (at most 2 s) until every frame transmitted since the recording started has come
         * back through the capture, so the recording is complete up to now.
         */
        public synchronized void sync() {
            long deadline = System.nanoTime() + SYNC_MILLIS * 1_000_000L;
            try {
                while (!closed && txRecorded < txFrames.get() - txAtStart) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    wait(Math.max(1, left / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            sync();
            closeNow();
        }

        private synchronized void closeNow() {
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

    /**
     * On the capture thread: record the frame; our own (seen leaving) go no further; answer ARP
     * for our addresses; hand the rest to the loop thread.
     */
    private void onFrame(byte[] frame) {
        boolean sent = isFromUs(frame);
        Recording r = recording;
        if (r != null) {
            r.write(frame, capturedReal(), sent);
        }
        if (sent) {
            txSeen.incrementAndGet();
            return;
        }
        rxFrames.incrementAndGet();
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

    /** Ethernet source is our MAC: a frame we sent, seen as it left. */
    private boolean isFromUs(byte[] frame) {
        return frame.length >= EthernetFrame.HEADER_LEN && MacAddress.read(frame, 6).equals(mac);
    }

    /**
     * When the kernel captured the current frame (pcap's timestamp, CLOCK_REALTIME, ns), so a
     * recording shows when the frame was on the wire, not when this thread got to run - on a
     * loaded machine that can be 100 ms later. -1 when unknown.
     */
    private long capturedReal() {
        try {
            java.sql.Timestamp ts = handle.getTimestamp();
            return ts == null ? -1 : Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * CLOCK_REALTIME minus System.nanoTime(), from the closest of a few back-to-back readings:
     * converts pcap's timestamps once per recording, so no preemption between two clock reads
     * can shift a frame (NTP slews at most 0.05 %: under 1 ms over a lab).
     */
    static long realtimeMinusNanoTime() {
        long best = 0;
        long bestSpan = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = System.nanoTime();
            java.time.Instant real = java.time.Instant.now();
            long after = System.nanoTime();
            if (after - before < bestSpan) {
                bestSpan = after - before;
                best = real.getEpochSecond() * 1_000_000_000L + real.getNano() - (before + (after - before) / 2);
            }
        }
        return best;
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

    /** Our transmitted frames the capture saw leave (counted whether or not a recording runs). */
    public long txSeen() {
        return txSeen.get();
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
        injector.close();
        Recording r = recording;
        if (r != null) {
            r.closeNow();
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
