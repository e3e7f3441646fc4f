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

/**
 * A host of the lab, as `host(...)` returns it: its sockets, sysctls, counters, `ss`, firewall and
 * packet injection.
 *
 * ```kotlin
 * val server = host("server", "192.0.2.2")
 * val listener = server.listen(80, backlog = 1)
 * check("no overflow") { server.counter("TcpExtListenOverflows") shouldBe 0L }
 * ```
 *
 * @property address the host's IPv4 address (`server.address.toString() == "192.0.2.2"`)
 */
@LabDsl
class HostHandle internal constructor(
    internal val world: World,
    /** The stack-core host, for anything the DSL does not wrap: `client.host.tcp().setIsnHook(generator)`. */
    val host: Host,
    val address: Ipv4Address,
    internal val prefix: Int,
) {
    /** The host's name as declared, shown in reports and on the wire's ladder: `server.name == "server"`. */
    val name: String get() = host.name()

    /**
     * `sysctl -w` now, by /proc/sys name (an action: it takes effect when the script reaches it). An
     * unknown name or a refused value is an error at its line.
     *
     * ```kotlin
     * at(5.s) { server.sysctl("net.ipv4.tcp_abort_on_overflow", 1) }
     * ```
     */
    fun sysctl(name: String, value: Any) {
        try {
            host.sysctl(name, value)
        } catch (e: IllegalArgumentException) {
            throw LabScriptError(e.message ?: "bad sysctl $name")
        }
    }

    /**
     * `sysctl -n`: a sysctl's value now, as text.
     *
     * ```kotlin
     * server.sysctl("net.core.somaxconn") shouldBe "4096"
     * ```
     */
    fun sysctl(name: String): String = host.sysctls().get(name)

    /**
     * socket(), bind(address, port), listen(backlog); SO_REUSEADDR on by default as most servers do.
     * The backlog is Linux's: the accept queue holds backlog + 1 completed connections
     * (sk_acceptq_is_full() is `>`), then SYNs are dropped silently and counted in ListenOverflows.
     * As on Linux: port 0 lets the kernel pick a free ephemeral port (inet_csk_get_port; read it
     * from [ListenerHandle.port]); a backlog above net.core.somaxconn (4096), or a negative one
     * (compared as unsigned by __sys_listen), becomes somaxconn ([ListenerHandle.backlog] shows it).
     * With [accept] a server loop accepts every connection as it completes. [options] are
     * setsockopt()s made before bind(); accepted connections inherit them, as on Linux (e.g.
     * SO_KEEPALIVE and TCP_KEEPIDLE/KEEPINTVL/KEEPCNT, TCP_DEFER_ACCEPT). A value the kernel
     * refuses is an error at its line.
     *
     * ```kotlin
     * val listener = server.listen(5000, backlog = 1)      // never accepts: the queue fills
     * val web = server.listen(80, accept = true)            // accepts everything
     * val kept = server.listen(7000, options = mapOf(SO_KEEPALIVE to 1, TCP_KEEPIDLE to 10))
     * ```
     */
    fun listen(port: Int, backlog: Int = 128, reuseAddr: Boolean = true, accept: Boolean = false,
               options: Map<SockOpt, Int> = emptyMap()): ListenerHandle {
        requirePort(port, "$name.listen($port)")
        val s = host.socket()
        if (reuseAddr) s.setsockopt(SockOpt.SO_REUSEADDR, 1)
        setOptions(s, options, "$name.listen($port)")
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
     * time); with [nonBlocking] it returns EINPROGRESS at once and the handshake goes on. Port 0 is
     * sent as Linux sends it: nothing can listen there, so the answer is RST (ECONNREFUSED).
     * [bindPort] binds that local port first (0 an ephemeral one); [options] are setsockopt()s made
     * before connecting (a value the kernel refuses is an error at its line), e.g. keepalive:
     * `mapOf(SO_KEEPALIVE to 1, TCP_KEEPIDLE to 2, TCP_KEEPINTVL to 1, TCP_KEEPCNT to 3)`.
     *
     * ```kotlin
     * val conn = client.connect(server, 80)
     * val many = at(1.s) { client.connect(server, 5000, nonBlocking = true) }
     * val one = client.connect(server, 80, options = mapOf(TCP_SYNCNT to 2))
     * ```
     */
    fun connect(to: HostHandle, port: Int, nonBlocking: Boolean = false, bindPort: Int? = null,
                options: Map<SockOpt, Int> = emptyMap()): Connection =
        connect(to.address.toString(), port, nonBlocking, bindPort, options)

    /**
     * connect() to an IPv4 [address] (any, also one no host has), as [connect] to a host does.
     *
     * ```kotlin
     * val lost = client.connect("192.0.2.99", 80, nonBlocking = true) // nobody answers: SYN retransmissions
     * ```
     */
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
        setOptions(s, options, "$name.connect($address, $port)")
        if (bindPort != null) {
            val e = s.bind(this.address, bindPort)
            if (e != Errno.OK) return Connection(this, s, dev.tcplab.stack.socket.Call.completed("bind", world.nowNanos, e, null))
        }
        s.setNonBlocking(nonBlocking)
        val call = s.connect(daddr, port)
        return Connection(this, s, call)
    }

    private fun setOptions(s: Socket, options: Map<SockOpt, Int>, call: String) {
        options.forEach { (k, v) ->
            val e = s.setsockopt(k, v)
            if (e != Errno.OK) throw LabScriptError("$call: setsockopt($k, $v) failed with $e")
        }
    }

    /** A bare stack-core socket, for labs that exercise the API step by step: `val s = client.socket(); s.bind(client.address, 0)`. */
    fun socket(): Socket = host.socket()

    /**
     * `ss -tan` rows of this host now (state, Recv-Q, Send-Q, addresses). On a LISTEN row Recv-Q is the
     * accept queue's length and Send-Q the backlog.
     *
     * ```kotlin
     * val row = server.ss.single { it.state() == TCP_LISTEN }
     * row.recvQ() shouldBe 2
     * ```
     */
    val ss: List<InetDiag.Row> get() = Ss.rows(host)

    /** `ss -tan` as text, for printing: `println(server.ssText())`. */
    fun ssText(): String = host.ss()

    /**
     * An nstat counter since the lab started, by nstat's name: the SNMP MIB's `Tcp` group
     * (/proc/net/snmp: "TcpActiveOpens", "TcpRetransSegs") or `TcpExt` (/proc/net/netstat:
     * "TcpExtListenOverflows", "TcpExtTCPSynRetrans"). An unknown name is an error at its line.
     *
     * ```kotlin
     * server.counter("TcpExtListenOverflows") shouldBe 14L // one per SYN dropped on a full accept queue
     * ```
     */
    fun counter(name: String): Long = try {
        host.counter(name)
    } catch (e: IllegalArgumentException) {
        throw LabScriptError("no counter named $name")
    }

    /** Every non-zero counter, like `nstat`: `client.counters["TcpActiveOpens"] shouldBe 1L`. */
    val counters: Map<String, Long> get() = host.nstat()

    /** The counters as `nstat -az` prints them: `println(server.nstatText())`. */
    fun nstatText(): String = host.nstatText()

    /**
     * Request socks (TCP_NEW_SYN_RECV, a SYN answered, the third ACK not yet in) of every listener on this host.
     *
     * ```kotlin
     * at(50.ms) { server.requests.size shouldBe 1 }
     * ```
     */
    val requests: List<RequestView> get() = host.tcp().hashtables.listeners().flatMap { l -> l.acceptQueue().requestSocks().map { RequestView.of(it, world) } }

    /**
     * `iptables -A INPUT ... -j DROP`: packets matching [match] are dropped after IP counted them, before
     * TCP sees them; [description] names the rule in reports.
     *
     * ```kotlin
     * client.dropInput("-s server --tcp-flags SYN,ACK SYN,ACK") { it.from(server) && it.tcp.synAck }
     * ```
     */
    fun dropInput(description: String, match: (PacketView) -> Boolean) =
        host.ip().netfilter().dropInput(description) { ip, tcp -> match(PacketView.of(ip, tcp)) }

    /**
     * `iptables -A OUTPUT ... -j DROP`: matching packets are counted by TCP as sent, but never reach the wire.
     *
     * ```kotlin
     * client.dropOutput("--tcp-flags ALL ACK") { it.tcp.pureAck }
     * ```
     */
    fun dropOutput(description: String, match: (PacketView) -> Boolean) =
        host.ip().netfilter().dropOutput(description) { ip, tcp -> match(PacketView.of(ip, tcp)) }

    /** `iptables -F`: removes every rule of [dropInput] and [dropOutput]: `at(5.s) { client.flushFirewall() }`. */
    fun flushFirewall() = host.ip().netfilter().flush()

    /**
     * Crafts and sends a TCP segment from this host, with any source address (spoofing):
     * `attacker.inject(to = server, dstPort = 80, flags = "S", src = "203.0.113.7")`.
     * Flags are letters: S, A, F, R, P, U. [seq] and [ack] are absolute; [synOptions] adds Linux's SYN
     * options (mss 1460, SACK, timestamps, wscale 7); [badChecksum] corrupts the TCP checksum.
     *
     * ```kotlin
     * repeat(31) { i -> at((i * 2).ms) { attacker.inject(to = server, dstPort = 80, src = "203.0.113.${i + 1}") } }
     * ```
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

    /** Name and address: `server (192.0.2.2)`. */
    override fun toString() = "$name ($address)"
}

/**
 * A request sock (struct request_sock, TCP_NEW_SYN_RECV) as a lab sees it: the SYN was answered
 * with a SYN-ACK, the third ACK has not arrived.
 *
 * ```kotlin
 * val r = listener.requests.single()
 * r.numRetrans shouldBe 2 // SYN-ACK retransmissions so far
 * ```
 *
 * @property state its TCP state (TCP_NEW_SYN_RECV)
 * @property remotePort the client's port
 * @property numRetrans SYN-ACK retransmissions so far (req->num_retrans)
 * @property numTimeout request timer expirations so far (req->num_timeout)
 * @property acked the third ACK came but the accept queue was full, or TCP_DEFER_ACCEPT waits (inet_rsk(req)->acked)
 */
data class RequestView(
    val state: TcpState,
    val remotePort: Int,
    val numRetrans: Int,
    val numTimeout: Int,
    val acked: Boolean,
    /** When its SYN-ACK timer fires next, null if not armed. */
    val timer: VDuration?,
) {
    /** Builds views from stack-core's request socks. */
    companion object {
        internal fun of(r: dev.tcplab.stack.tcp.RequestSock, world: World) = RequestView(
            r.state(), r.remotePort(), r.numRetrans(), r.numTimeout(), r.acked(),
            r.timerExpires().takeIf { it >= 0 }?.let { VDuration(it) })
    }
}
