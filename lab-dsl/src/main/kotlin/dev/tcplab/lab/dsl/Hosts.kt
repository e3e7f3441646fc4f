package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.Host
import dev.tcplab.stack.host.Ss
import dev.tcplab.stack.socket.Errno
import dev.tcplab.stack.socket.SockOpt
import dev.tcplab.stack.socket.Socket
import dev.tcplab.stack.tcp.InetDiag
import dev.tcplab.stack.tcp.TcpState
import dev.tcplab.stack.wire.Frames
import dev.tcplab.stack.wire.IpProtocol
import dev.tcplab.stack.wire.Ipv4Address
import dev.tcplab.stack.wire.Ipv4Repr
import dev.tcplab.stack.wire.MacAddress
import dev.tcplab.stack.wire.TcpFlags
import dev.tcplab.stack.wire.TcpOptions
import dev.tcplab.stack.wire.TcpRepr

/** A host of the lab: its sockets, sysctls, counters, `ss`, firewall and packet injection. */
@LabDsl
class HostHandle internal constructor(
    internal val world: World,
    /** The stack-core host, for anything the DSL does not wrap. */
    val host: Host,
    val address: Ipv4Address,
    internal val prefix: Int,
) {
    val name: String get() = host.name()

    fun sysctl(name: String, value: Any) {
        try {
            host.sysctl(name, value)
        } catch (e: IllegalArgumentException) {
            throw LabScriptError(e.message ?: "bad sysctl $name")
        }
    }

    fun sysctl(name: String): String = host.sysctls().get(name)

    /**
     * socket(), bind(address, port), listen(backlog); SO_REUSEADDR on by default as most servers do.
     * As on Linux: port 0 lets the kernel pick a free ephemeral port (inet_csk_get_port; read it
     * from [ListenerHandle.port]); a backlog above net.core.somaxconn (4096), or a negative one
     * (compared as unsigned by __sys_listen), becomes somaxconn ([ListenerHandle.backlog] shows it).
     */
    fun listen(port: Int, backlog: Int = 128, reuseAddr: Boolean = true, accept: Boolean = false): ListenerHandle {
        requirePort(port, "$name.listen($port)")
        val s = host.socket()
        if (reuseAddr) s.setsockopt(SockOpt.SO_REUSEADDR, 1)
        val b = s.bind(address, port)
        if (b != Errno.OK) throw LabScriptError("$name: bind($address:$port) failed with $b")
        val l = s.listen(backlog)
        if (l != Errno.OK) throw LabScriptError("$name: listen($port) failed with $l")
        val handle = ListenerHandle(this, s)
        if (accept) handle.acceptForever()
        return handle
    }

    /**
     * connect() to [to]:[port]: blocking by default (the call returns when it is done, in virtual
     * time). Port 0 is sent as Linux sends it: nothing can listen there, so the answer is RST
     * (ECONNREFUSED). [bindPort] 0 binds an ephemeral port first.
     */
    fun connect(to: HostHandle, port: Int, nonBlocking: Boolean = false, bindPort: Int? = null,
                options: Map<SockOpt, Int> = emptyMap()): Connection =
        connect(to.address.toString(), port, nonBlocking, bindPort, options)

    fun connect(address: String, port: Int, nonBlocking: Boolean = false, bindPort: Int? = null,
                options: Map<SockOpt, Int> = emptyMap()): Connection {
        requirePort(port, "$name.connect($address, $port)")
        if (bindPort != null) requirePort(bindPort, "$name.connect(bindPort = $bindPort)")
        val daddr = try {
            Ipv4Address.parse(address)
        } catch (e: IllegalArgumentException) {
            throw LabScriptError("$name.connect(\"$address\"): not an IPv4 address")
        }
        val s = host.socket()
        options.forEach { (k, v) -> s.setsockopt(k, v) }
        if (bindPort != null) {
            val e = s.bind(this.address, bindPort)
            if (e != Errno.OK) return Connection(this, s, dev.tcplab.stack.socket.Call.completed("bind", world.nowNanos, e, null))
        }
        s.setNonBlocking(nonBlocking)
        val call = s.connect(daddr, port)
        return Connection(this, s, call)
    }

    /** A bare socket, for labs that exercise the API step by step. */
    fun socket(): Socket = host.socket()

    /** `ss -tan` rows of this host. */
    val ss: List<InetDiag.Row> get() = Ss.rows(host)

    /** `ss` as text. */
    fun ssText(): String = host.ss()

    /** An nstat counter since the lab started, by name ("TcpExtListenOverflows"). */
    fun counter(name: String): Long = try {
        host.counter(name)
    } catch (e: IllegalArgumentException) {
        throw LabScriptError("no counter named $name")
    }

    /** Every non-zero counter, like nstat. */
    val counters: Map<String, Long> get() = host.nstat()

    /** The counters as `nstat -az` prints them. */
    fun nstatText(): String = host.nstatText()

    /** Request socks of every listener on this host. */
    val requests: List<RequestView> get() = host.tcp().hashtables.listeners().flatMap { l -> l.acceptQueue().requestSocks().map { RequestView.of(it, world) } }

    /** iptables -A INPUT ... -j DROP: dropped after IP counted it, before TCP sees it. */
    fun dropInput(description: String, match: (PacketView) -> Boolean) =
        host.ip().netfilter().dropInput(description) { ip, tcp -> match(PacketView.of(ip, tcp)) }

    /** iptables -A OUTPUT ... -j DROP: counted by TCP, never on the wire. */
    fun dropOutput(description: String, match: (PacketView) -> Boolean) =
        host.ip().netfilter().dropOutput(description) { ip, tcp -> match(PacketView.of(ip, tcp)) }

    /** iptables -F. */
    fun flushFirewall() = host.ip().netfilter().flush()

    /**
     * Crafts and sends a TCP segment from this host, with any source address (spoofing):
     * `attacker.inject(to = server, dstPort = 80, flags = "S", src = "203.0.113.7")`.
     * Flags are letters: S, A, F, R, P. [badChecksum] corrupts the TCP checksum.
     */
    fun inject(
        to: HostHandle,
        dstPort: Int,
        flags: String = "S",
        srcPort: Int = 40000,
        seq: Long = 1000,
        ack: Long = 0,
        window: Int = 64240,
        src: String? = null,
        synOptions: Boolean = false,
        payload: String = "",
        badChecksum: Boolean = false,
    ) {
        requirePort(dstPort, "$name.inject(dstPort = $dstPort)")
        requirePort(srcPort, "$name.inject(srcPort = $srcPort)")
        var f = 0
        for (c in flags.uppercase()) {
            f = f or when (c) {
                'S' -> TcpFlags.SYN; 'A' -> TcpFlags.ACK; 'F' -> TcpFlags.FIN; 'R' -> TcpFlags.RST
                'P' -> TcpFlags.PSH; 'U' -> TcpFlags.URG; '.' -> 0
                else -> throw LabScriptError("unknown TCP flag '$c' in \"$flags\" (use S A F R P U)")
            }
        }
        val source = src?.let { Ipv4Address.parse(it) } ?: address
        val opts = if (synOptions) TcpOptions.syn(1460, true, true, 1, 0, 7) else TcpOptions.NONE
        val tcp = TcpRepr(srcPort, dstPort, seq.toInt(), ack.toInt(), f, window, 0, opts, payload.toByteArray())
        val ip = Ipv4Repr(source, to.address, IpProtocol.TCP, 64, 0, 1, false, tcp.length())
        if (!badChecksum) {
            if (!host.inject(ip, tcp)) throw LabScriptError("$name has no route to ${to.address}")
            return
        }
        val device = host.ip().interfaces().first().device()
        val peerMac = host.ip().arp().cache()[to.address] ?: MacAddress.BROADCAST
        val frame = Frames.tcp(device.mac(), peerMac, ip, tcp)
        val off = 14 + 20 + 16 // the TCP checksum field
        frame[off] = (frame[off].toInt() xor 0x5a).toByte()
        host.injectFrame(to.address, frame)
    }

    override fun toString() = "$name ($address)"
}

/** A request sock as a lab sees it. */
data class RequestView(
    val state: TcpState,
    val remotePort: Int,
    val numRetrans: Int,
    val numTimeout: Int,
    val acked: Boolean,
    /** When its SYN-ACK timer fires next, null if not armed. */
    val timer: VDuration?,
) {
    companion object {
        internal fun of(r: dev.tcplab.stack.tcp.RequestSock, world: World) = RequestView(
            r.state(), r.remotePort(), r.numRetrans(), r.numTimeout(), r.acked(),
            r.timerExpires().takeIf { it >= 0 }?.let { VDuration(it) })
    }
}
