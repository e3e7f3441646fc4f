package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.KernelProfile;
import dev.tcplab.stack.host.Trace;
import dev.tcplab.stack.ipv4.Ipv4Interface;
import dev.tcplab.stack.ipv4.RouteTable;
import dev.tcplab.stack.packetdrill.PacketdrillException.Kind;
import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.SackBlock;
import dev.tcplab.stack.wire.TcpFlags;
import dev.tcplab.stack.wire.TcpRepr;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Plays a parsed script against one model host in virtual time, the way packetdrill plays it
 * against a kernel through a tun device (run.c, run_packet.c, run_system_call.c): the host is
 * the local end; the executor is the remote end, injecting the script's inbound packets and
 * checking the host's outbound ones with packetdrill's rules (relative sequence numbers, TS
 * val/ecr mapping, option comparison in order, {@code <...>}, timing tolerance of
 * {@code max(tolerance_usecs, tolerance_percent of the gap since the previous event)}).
 * The first difference stops the script with a {@link PacketdrillException} at its line.
 */
public final class Executor {
    static final int LISTEN_PORT = 8080;

    final Script script;
    final String file;
    final EventLoop loop = new EventLoop();
    final Host host;
    final TunDevice tun;
    final Ipv4Address localIp;
    final Ipv4Address remoteIp;
    final int bindPort;
    final int connectPort;
    private final long toleranceUsecs;
    private final double tolerancePercent;
    private final long tsTickUsecs;
    private final boolean tsEcrScaled;
    private final boolean strictSegments;
    private final Syscalls syscalls;
    Conn conn;
    /** Set by listen(): the next inbound SYN starts a new connection (a new remote port). */
    boolean listening;
    private int nextRemotePort = 48_000;
    /** The script time (µs) of the event before the current one. */
    long lastEventUsecs;
    /** The line being played, for messages. */
    int line;

    private Executor(Script script, long seed, PacketdrillRunner.WireTap tap) {
        this.script = script;
        this.file = script.file();
        localIp = Ipv4Address.parse(script.options().getOrDefault("local_ip", "192.168.0.1"));
        remoteIp = Ipv4Address.parse(script.options().getOrDefault("remote_ip", "192.0.2.1").replaceAll("/.*", ""));
        bindPort = Integer.parseInt(script.options().getOrDefault("bind_port", "" + LISTEN_PORT));
        connectPort = Integer.parseInt(script.options().getOrDefault("connect_port", "" + LISTEN_PORT));
        toleranceUsecs = Long.parseLong(script.options().getOrDefault("tolerance_usecs", "4000"));
        tolerancePercent = Double.parseDouble(script.options().getOrDefault("tolerance_percent", "12.5"));
        tsTickUsecs = Long.parseLong(script.options().getOrDefault("tcp_ts_tick_usecs", "0"));
        tsEcrScaled = script.options().containsKey("tcp_ts_ecr_scaled");
        strictSegments = script.options().containsKey("strict_segments");
        Trace trace = new Trace();
        trace.setEnabled(false);
        host = new Host("local", loop, trace, new Rng(seed), KernelProfile.LINUX_6_18);
        tun = new TunDevice(loop, tap);
        Ipv4Interface iface = host.addInterface(tun, localIp, 16);
        host.ip().routes().add(new RouteTable.Route(Ipv4Address.parse("0.0.0.0"), 0, null, iface));
        host.ip().arp().addStatic(remoteIp, TunDevice.PEER_MAC);
        syscalls = new Syscalls(this);
    }

    /** Plays a script; returns normally when it passes, throws at the first difference. */
    public static void run(Script script, long seed) {
        run(script, seed, PacketdrillRunner.WireTap.NONE);
    }

    /** As {@link #run(Script, long)}, handing every frame on the tun (both ways, as sent) to {@code tap}. */
    public static void run(Script script, long seed, PacketdrillRunner.WireTap tap) {
        new Executor(script, seed, tap).play();
    }

    private void play() {
        if (script.initCommand() != null) {
            line = script.initLine();
            SetupCommand.run(host, file, script.initLine(), script.initCommand());
        }
        boolean first = true;
        boolean lastInbound = false;
        for (Event e : script.events()) {
            line = e.line();
            boolean inbound = e instanceof Event.Packet p0 && p0.packet().inbound();
            if (first && e.time().type() != TimeSpec.Type.ANY && e.time().startUsecs() != 0) {
                throw new PacketdrillException(Kind.PARSE, file, line, "first event should be at time 0");
            }
            // adjust_relative_event_times: relative to now, except consecutive inbound packets,
            // which are anchored to the previous one's script time
            long offset = lastInbound && inbound ? lastEventUsecs : loop.now() / 1000;
            TimeSpec t = e.time();
            long start = switch (t.type()) {
                case ANY -> offset;
                case ABSOLUTE, ABSOLUTE_RANGE -> t.startUsecs();
                case RELATIVE, RELATIVE_RANGE -> offset + t.startUsecs();
            };
            long end = switch (t.type()) {
                case ANY -> start;
                case ABSOLUTE, ABSOLUTE_RANGE -> t.endUsecs();
                case RELATIVE, RELATIVE_RANGE -> offset + t.endUsecs();
            };
            if (!first && !e.time().relative() && e.time().type() != TimeSpec.Type.ANY && start < lastEventUsecs) {
                throw new PacketdrillException(Kind.PARSE, file, line, "time goes backward in script from "
                        + lastEventUsecs + " usec to " + start + " usec");
            }
            if (inbound) {
                Event.Packet p = (Event.Packet) e;
                waitUntil(start, e.time(), "inbound packet");
                inject(p.packet());
            } else if (e instanceof Event.Packet p) {
                expectOutbound(p, start, end, offset);
            } else if (e instanceof Event.Syscall s) {
                syscalls.awaitBlocked();
                waitUntil(start, e.time(), "system call start");
                long sysEnd = s.endUsecs() < 0 ? -1 : (e.time().relative() ? offset + s.endUsecs() : s.endUsecs());
                syscalls.run(s, start, sysEnd, tolerance(start));
            } else if (e instanceof Event.Command c) {
                waitUntil(start, e.time(), "command");
                SetupCommand.run(host, file, c.line(), c.command());
            } else if (e instanceof Event.Code c) {
                waitUntil(start, e.time(), "data collection for code");
                CodeBlock.run(this, c, syscalls.socketUnderTest());
            }
            lastEventUsecs = start;
            lastInbound = inbound;
            first = false;
        }
        syscalls.awaitBlocked();
    }

    /** get_tolerance_usecs: the larger of tolerance_usecs and tolerance_percent of the gap since the last event. */
    long tolerance(long eventUsecs) {
        long dynamic = (long) (tolerancePercent / 100.0 * (eventUsecs - lastEventUsecs));
        return Math.max(toleranceUsecs, dynamic);
    }

    /**
     * wait_for_event: runs the model up to script time t (µs); when the model is already past
     * it (an earlier outbound packet came late), check_event_time's tolerance applies.
     */
    private void waitUntil(long usecs, TimeSpec time, String what) {
        long now = loop.now() / 1000;
        long tol = tolerance(usecs);
        if (time.type() != TimeSpec.Type.ANY && now > usecs + tol) {
            throw failure("timing error: expected " + what + " at " + secs(usecs) + " sec but happened at "
                    + secs(now) + " sec; tolerance " + secs(tol) + " sec");
        }
        loop.runUntil(usecs * 1000);
    }

    PacketdrillException failure(String msg) {
        return new PacketdrillException(Kind.FAILURE, file, line, msg);
    }

    /** run_packet_event's wording: "error handling packet: ...". */
    PacketdrillException packetFailure(String msg) {
        return failure("error handling packet: " + msg);
    }

    PacketdrillException unsupported(String msg) {
        return new PacketdrillException(Kind.UNSUPPORTED, file, line, msg);
    }

    static String secs(long usecs) {
        return String.format("%.6f", usecs / 1e6);
    }

    // ------------------------------------------------------------------ connections

    /** connect(): the socket under test becomes an active opener to remote_ip:connect_port. */
    void newActiveConn(int localPort) {
        conn = new Conn(connectPort, localPort);
        listening = false;
    }

    /**
     * handle_listen_for_script_packet: an inbound packet while there is no socket under test,
     * or while it is a listener, starts a new connection from a new remote port.
     */
    private Conn connFor(PacketSpec p) {
        if (conn == null || listening) {
            conn = new Conn(nextRemotePort++, bindPort);
            listening = false;
        }
        return conn;
    }

    // ------------------------------------------------------------------ inbound

    private void inject(PacketSpec p) {
        Conn c = connFor(p);
        byte[] frame = InboundPacket.build(this, c, p);
        tun.inject(frame);
    }

    // ------------------------------------------------------------------ outbound

    private void expectOutbound(Event.Packet e, long start, long end, long offset) {
        boolean any = e.time().type() == TimeSpec.Type.ANY;
        long tol = tolerance(start);
        long deadlineNs = any ? (start + 600_000_000L) * 1000 : (end + tol) * 1000;
        TunDevice.Captured got = null;
        while (true) {
            while (!tun.outbound().isEmpty()) {
                // sniff_outbound_live_packet: packets not of the socket under test are skipped
                TunDevice.Captured c = tun.outbound().poll();
                if (c.frame().tcp() != null && c.frame().ip() != null && ofConn(c.frame().tcp())) {
                    got = c;
                    break;
                }
            }
            if (got != null) {
                break;
            }
            if (loop.nextEventTime() > deadlineNs) {
                loop.runUntil(deadlineNs);
                break;
            }
            loop.runNext();
        }
        if (got == null) {
            throw failure("error handling packet: Timed out waiting for packet\nscript packet: " + secs(start) + " "
                    + e.packet() + nextPacketLater(deadlineNs));
        }
        if (!strictSegments) {
            got = aggregate(got, e.packet().payloadLength(), deadlineNs);
        }
        OutboundCheck.verify(this, e.packet(), got, e.time(), start, end, tol, offset);
    }

    /**
     * packetdrill (without --strict_segments) matches one script packet with several
     * consecutive live segments, as a kernel's TSO/GSO super-packet on the tun device would
     * carry them: contiguous sequence numbers, same ACK; PSH and FIN come from the last one.
     */
    private TunDevice.Captured aggregate(TunDevice.Captured first, int wanted, long deadlineNs) {
        TcpRepr f = first.frame().tcp();
        if (f.payload().length == 0 || f.payload().length >= wanted) {
            return first;
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(f.payload());
        TcpRepr last = f;
        while (payload.size() < wanted) {
            while (tun.outbound().isEmpty() && loop.nextEventTime() <= Math.min(deadlineNs, loop.now())) {
                loop.runNext();
            }
            TunDevice.Captured n = tun.outbound().peek();
            if (n == null || n.frame().tcp() == null) {
                break;
            }
            TcpRepr t = n.frame().tcp();
            if (t.seq() != last.seq() + last.payload().length || t.ack() != f.ack() || t.payload().length == 0
                    || t.srcPort() != f.srcPort() || t.has(TcpFlags.SYN) || t.has(TcpFlags.RST)) {
                break;
            }
            tun.outbound().poll();
            payload.writeBytes(t.payload());
            last = t;
        }
        if (last == f) {
            return first;
        }
        int pf = TcpFlags.PSH | TcpFlags.FIN;
        TcpRepr merged = new TcpRepr(f.srcPort(), f.dstPort(), f.seq(), f.ack(), (f.flags() & ~pf) | (last.flags() & pf),
                f.window(), f.urgent(), f.options(), payload.toByteArray());
        Ipv4Repr ip0 = first.frame().ip();
        Ipv4Repr ip = new Ipv4Repr(ip0.src(), ip0.dst(), ip0.protocol(), ip0.ttl(), ip0.tos(), ip0.ident(),
                ip0.dontFragment(), merged.length());
        return new TunDevice.Captured(first.timeNs(),
                new DecodedFrame(first.frame().ethernet(), null, ip, merged, first.frame().error()));
    }

    /** For a timeout message: what the model sent next, within 10 s, if anything. */
    private String nextPacketLater(long fromNs) {
        long limit = fromNs + 10_000_000_000L;
        while (tun.outbound().isEmpty() && loop.nextEventTime() <= limit) {
            loop.runNext();
        }
        TunDevice.Captured n = tun.outbound().peek();
        if (n == null || n.frame().tcp() == null || conn == null) {
            return "\n(the model sent nothing in the next 10 s)";
        }
        TcpRepr t = n.frame().tcp();
        long seq = (Integer.toUnsignedLong(t.seq()) - conn.localIsn + conn.scriptLocalIsn) & 0xffffffffL;
        long ack = t.has(TcpFlags.ACK) ? (Integer.toUnsignedLong(t.ack()) - Conn.REMOTE_SEQ_OFFSET) & 0xffffffffL : 0;
        return "\nnext actual packet: " + secs(n.timeNs() / 1000) + " "
                + OutboundCheck.render(t, seq, ack, Integer.toUnsignedLong(t.options().tsVal()));
    }

    /** find_socket_for_live_packet / find_connect_for_live_packet: is it the socket under test's? */
    private boolean ofConn(TcpRepr a) {
        if (conn == null || a.dstPort() != conn.remotePort) {
            return false;
        }
        return conn.localPort == 0 ? a.has(TcpFlags.SYN) && !a.has(TcpFlags.ACK) : a.srcPort() == conn.localPort;
    }

    /** Learns the ports and ISN from an outbound packet of the socket under test. */
    Conn connForOutbound(TcpRepr a, PacketSpec s) {
        if (conn.localPort == 0) {
            conn.localPort = a.srcPort();
        }
        if (a.has(TcpFlags.SYN)) {
            conn.localIsn = Integer.toUnsignedLong(a.seq());
            conn.localIsnKnown = true;
            conn.scriptLocalIsn = (s.flags() & TcpFlags.SYN) != 0 ? s.seqStart() : 0;
        }
        return conn;
    }

    /** The script-space SACK blocks of an outbound packet. */
    static List<SackBlock> scriptSack(List<SackBlock> live) {
        return live.stream().map(b -> new SackBlock((int) (b.start() - Conn.REMOTE_SEQ_OFFSET),
                (int) (b.end() - Conn.REMOTE_SEQ_OFFSET))).toList();
    }

    long tsTickUsecs() {
        return tsTickUsecs;
    }

    boolean tsEcrScaled() {
        return tsEcrScaled;
    }

    /** For messages: the frame as the executor saw it. */
    static String describe(DecodedFrame f) {
        return f.summary();
    }
}
