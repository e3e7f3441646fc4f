package dev.tcplab.lab.dsl

import dev.tcplab.stack.dev.Fault
import dev.tcplab.stack.dev.Link
import dev.tcplab.stack.dev.fault.Faults
import dev.tcplab.stack.dev.fault.Match
import dev.tcplab.stack.wire.DecodedFrame
import dev.tcplab.stack.wire.Ipv4Repr
import dev.tcplab.stack.wire.TcpFlags
import dev.tcplab.stack.wire.TcpRepr

/**
 * A link of the lab, as `link(...)` (or, one per host, `lan(...)`) returns it; its stack-core [Link]
 * is reachable for anything not wrapped.
 *
 * ```kotlin
 * val cable = link(client, server) { delay = 10.ms }
 * cable.link.pcap() // the link's capture, as tcpdump would write it
 * ```
 *
 * @property link the stack-core link: capture, faults, delay
 * @property a the host at one end (the host, for a host's link to a switch)
 */
class LinkHandle internal constructor(
    internal val world: World,
    val link: Link,
    val a: HostHandle,
    /** The host at the other end; null for a host's link to a switch: `cable.b shouldBe server`. */
    val b: HostHandle?,
    /** The switch's name for a host's link to a switch, else null. */
    internal val switch: String? = null,
) {
    /** The link's name, as reports and fault marks show it: `println(cable.name)`. */
    val name: String get() = link.name()

    internal fun ends(from: HostHandle?): List<Link.End> = when {
        from == null -> listOf(link.a(), link.b())
        from === a -> listOf(link.a())
        from === b -> listOf(link.b())
        else -> throw LabScriptError("${from.name} is not on link $name")
    }

    /** The link's name. */
    override fun toString() = name
}

/** Kilobits per second as bits per second: `rate = 512.kbit`. */
val Int.kbit: Long get() = this * 1_000L
/**
 * Megabits per second as bits per second.
 *
 * ```kotlin
 * link(client, server) { rate = 10.mbit }
 * ```
 */
val Int.mbit: Long get() = this * 1_000_000L
/** Gigabits per second as bits per second: `rate = 1.gbit`. */
val Int.gbit: Long get() = this * 1_000_000_000L

/**
 * The `link(a, b) { }` block: delay and rate, netem-style faults and targeted rules. `from`
 * picks a direction (frames sent by that host); without it a fault acts on both directions.
 * Faults act on the wire: the frame is captured (like tcpdump on the sender), then lost, so a
 * dropped segment is in `wire` (as `dropped()`) and in the report's ladder.
 *
 * ```kotlin
 * link(client, server) {
 *     delay = 10.ms
 *     loss(0.05, from = client)
 *     drop(first = 2, from = server) { it.tcp.synAck }
 * }
 * ```
 */
@LabDsl
class LinkConfig internal constructor(private val handle: LinkHandle) {
    /**
     * One-way propagation delay (not negative): the RTT is twice it.
     *
     * ```kotlin
     * link(client, server) { delay = 10.ms } // the SYN-ACK arrives 20 ms after the SYN left
     * ```
     */
    var delay: VDuration
        get() = VDuration(handle.link.delay())
        set(value) = handle.link.setDelay(requireNotNegative(value, "delay = $value").nanos)

    /**
     * Serialisation rate in bits per second; 0 = unlimited. A frame takes its length over the rate to leave.
     *
     * ```kotlin
     * link(client, server) { rate = 1.mbit }
     * ```
     */
    var rate: Long = 0
        set(value) {
            if (value < 0) throw LabScriptError("rate = $value: a rate cannot be negative (0 = unlimited)")
            field = value
            handle.link.setRate(value)
        }

    /**
     * Adds any stack-core [Fault] (see dev.tcplab.stack.dev.fault.Faults), made once per
     * direction because faults keep state.
     *
     * ```kotlin
     * link(client, server) { fault { Faults.loss(0.1) } }
     * ```
     */
    fun fault(from: HostHandle? = null, make: () -> Fault) = each(from, make)

    private fun each(from: HostHandle?, make: () -> Fault) = handle.ends(from).forEach { it.faults().add(make()) }

    /**
     * netem `loss p`: each frame lost with [probability] (0..1, not percent), optionally correlated
     * with the previous frame's fate ([correlation] 0..1); the seed fixes which.
     *
     * ```kotlin
     * link(client, server) { loss(0.1, from = client) } // 10 % of the client's frames
     * ```
     */
    fun loss(probability: Double, correlation: Double = 0.0, from: HostHandle? = null) {
        requireProbability(probability, "loss($probability)")
        requireProbability(correlation, "loss(correlation = $correlation)")
        each(from) { Faults.loss(probability, correlation) }
    }

    /**
     * netem `loss gemodel p r 1-h 1-k`: bursts of loss. A good state moves to bad with [p], back with
     * [r]; a frame is lost with [lossInBad] in the bad state and [lossInGood] in the good one (each a probability 0..1).
     *
     * ```kotlin
     * link(client, server) { gilbertElliott(p = 0.05, r = 0.5) }
     * ```
     */
    fun gilbertElliott(p: Double, r: Double, lossInBad: Double = 1.0, lossInGood: Double = 0.0, from: HostHandle? = null) {
        for ((name, v) in listOf("p" to p, "r" to r, "lossInBad" to lossInBad, "lossInGood" to lossInGood)) {
            requireProbability(v, "gilbertElliott($name = $v)")
        }
        each(from) { Faults.gilbertElliott(p, r, lossInBad, lossInGood) }
    }

    /**
     * netem `delay d j`: extra delay [delay] with uniform jitter ±[jitter] (jitter can reorder).
     *
     * ```kotlin
     * link(client, server) { jitter(5.ms, 2.ms, from = server) }
     * ```
     */
    fun jitter(delay: VDuration, jitter: VDuration, from: HostHandle? = null) {
        requireNotNegative(delay, "jitter(delay = $delay)")
        requireNotNegative(jitter, "jitter(jitter = $jitter)")
        each(from) { Faults.delay(delay.nanos, jitter.nanos) }
    }

    /**
     * netem `duplicate p`: each frame sent twice with [probability] (0..1).
     *
     * ```kotlin
     * link(client, server) { duplicate(0.01) }
     * ```
     */
    fun duplicate(probability: Double, from: HostHandle? = null) =
        each(from) { Faults.duplicate(requireProbability(probability, "duplicate($probability)")) }

    /**
     * netem `corrupt p`: flips one bit with [probability] (0..1); the receiver finds a bad checksum and drops the frame.
     *
     * ```kotlin
     * link(client, server) { corrupt(0.01, from = client) }
     * ```
     */
    fun corrupt(probability: Double, from: HostHandle? = null) =
        each(from) { Faults.corrupt(requireProbability(probability, "corrupt($probability)")) }

    /**
     * netem `reorder p gap N` with `delay d`: most frames are delayed by [delay]; every [gap]-th goes at once with [probability].
     *
     * ```kotlin
     * link(client, server) { reorder(0.25, gap = 5, delay = 10.ms) }
     * ```
     */
    fun reorder(probability: Double, gap: Int, delay: VDuration, from: HostHandle? = null) {
        requireProbability(probability, "reorder($probability)")
        requireAtLeast(gap, 1, "reorder(gap = $gap)")
        requireNotNegative(delay, "reorder(delay = $delay)")
        each(from) { Faults.reorder(Faults.delay(delay.nanos), probability, gap) }
    }

    /**
     * The link is down (everything dropped) from [start] until [end], absolute virtual times.
     *
     * ```kotlin
     * link(client, server) { down(1.s, 4.s) } // a cable pulled for 3 s
     * ```
     */
    fun down(start: VDuration, end: VDuration) {
        requireNotNegative(start, "down(start = $start)")
        if (end < start) throw LabScriptError("down($start, $end): the link cannot come up before it goes down")
        each(null) { Faults.down(start.nanos, end.nanos) }
    }

    /**
     * Drops the frames matching [match] - all of them, the [first] N, only the [nth], or each
     * with [probability] (at most one of the three) - in one direction with [from].
     *
     * ```kotlin
     * link(client, server) { drop(first = 2, from = server) { it.tcp.synAck } } // the first two SYN-ACKs
     * ```
     */
    fun drop(first: Int? = null, nth: Int? = null, probability: Double? = null, from: HostHandle? = null,
             match: (PacketView) -> Boolean) =
        rule(from, first, nth, probability) { Faults.drop(pred(match)) }

    /**
     * Delays matching frames by [by] more than the link's delay.
     *
     * ```kotlin
     * link(client, server) { delay(by = 300.ms, first = 1) { it.tcp.pureAck } } // a late third ACK
     * ```
     */
    fun delay(by: VDuration, first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.delay(pred(match), requireNotNegative(by, "delay(by = $by)").nanos) }

    /**
     * Corrupts the TCP checksum of matching frames: the receiver drops them and counts TcpInCsumErrors and TcpInErrs (tcp_v4_rcv).
     *
     * ```kotlin
     * link(client, server) { corruptChecksum(nth = 1, from = client) { it.tcp.syn } }
     * ```
     */
    fun corruptChecksum(first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.corruptChecksum(pred(match)) }

    /**
     * Sends matching frames twice.
     *
     * ```kotlin
     * link(client, server) { duplicate(first = 1, from = client) { it.tcp.syn } } // a duplicate SYN
     * ```
     */
    fun duplicate(first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.duplicate(pred(match)) }

    /**
     * Rewrites matching TCP segments with [edit] (checksums recomputed).
     *
     * ```kotlin
     * link(client, server) { rewrite(nth = 3, match = { it.tcp.ack }) { t -> t.withWindow(0) } }
     * ```
     */
    fun rewrite(first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean,
                edit: (TcpRepr) -> TcpRepr) =
        rule(from, first, nth, null) { Faults.rewrite(pred(match)) { edit(it) } }

    private fun pred(match: (PacketView) -> Boolean): (DecodedFrame) -> Boolean = { f ->
        val ip = f.ip()
        val tcp = f.tcp()
        ip != null && tcp != null && match(PacketView.of(ip, tcp))
    }

    private fun rule(from: HostHandle?, first: Int?, nth: Int?, probability: Double?, make: () -> Match) {
        if (listOfNotNull(first, nth, probability).size > 1) {
            throw LabScriptError("give at most one of first, nth, probability")
        }
        first?.let { requireAtLeast(it, 0, "first = $it") }
        nth?.let { requireAtLeast(it, 1, "nth = $it") }
        probability?.let { requireProbability(it, "probability = $it") }
        each(from) {
            val m = make()
            when {
                first != null -> m.first(first.toLong())
                nth != null -> m.nth(nth.toLong())
                probability != null -> m.withProbability(probability)
                else -> m
            }
        }
    }
}

/**
 * A packet as fault rules and firewall rules see it: addresses and the TCP segment.
 *
 * ```kotlin
 * server.dropInput("--syn from client") { it.from(client) && it.tcp.syn && !it.tcp.ack }
 * ```
 *
 * @property src the IPv4 source address, as text ("192.0.2.1")
 * @property dst the IPv4 destination address, as text
 * @property tcp the TCP segment's fields
 */
class PacketView private constructor(val src: String, val dst: String, val tcp: TcpView) {
    /** Sent by [host] (by its address; a spoofed source is not its): `it.from(client)`. */
    fun from(host: HostHandle) = src == host.address.toString()

    /** Sent to [host] (by its address): `it.to(server)`. */
    fun to(host: HostHandle) = dst == host.address.toString()

    /** Makes views from stack-core's parsed headers. */
    companion object {
        /** The view of one packet: `PacketView.of(ip, tcp)`. */
        fun of(ip: Ipv4Repr, tcp: TcpRepr) = PacketView(ip.src().toString(), ip.dst().toString(), TcpView(tcp))
    }

    /** `192.0.2.1 > 192.0.2.2 S 40000>80 len 0`. */
    override fun toString() = "$src > $dst ${tcp}"
}

/**
 * A TCP segment's fields with readable names; sequence numbers are absolute.
 *
 * ```kotlin
 * drop(from = server) { it.tcp.synAck && it.tcp.dstPort == 40000 }
 * ```
 *
 * @property repr the stack-core segment, for what is not named here
 */
class TcpView(val repr: TcpRepr) {
    /** SYN set (a SYN or a SYN-ACK): `it.tcp.syn && !it.tcp.ack` is a first SYN. */
    val syn get() = repr.has(TcpFlags.SYN)
    /** ACK set. */
    val ack get() = repr.has(TcpFlags.ACK)
    /** RST set: `drop { it.tcp.rst }`. */
    val rst get() = repr.has(TcpFlags.RST)
    /** FIN set. */
    val fin get() = repr.has(TcpFlags.FIN)
    /** PSH set. */
    val psh get() = repr.has(TcpFlags.PSH)
    /** SYN and ACK set: the server's answer to a SYN, `drop(first = 1) { it.tcp.synAck }`. */
    val synAck get() = syn && ack
    /** Only ACK set, no data: the handshake's third ACK, `delay(by = 1.s) { it.tcp.pureAck }`. */
    val pureAck get() = repr.flags() == TcpFlags.ACK && repr.payload().isEmpty()
    /** Carries payload: `drop(first = 1) { it.tcp.hasData }`. */
    val hasData get() = repr.payload().isNotEmpty()
    /** The source port: `it.tcp.srcPort == 40000`. */
    val srcPort get() = repr.srcPort()
    /** The destination port: `it.tcp.dstPort == 80`. */
    val dstPort get() = repr.dstPort()
    /** The sequence number, absolute and unsigned: `it.tcp.seq`. */
    val seq get() = Integer.toUnsignedLong(repr.seq())
    /** The acknowledgment number, absolute and unsigned (meaningful when [ack]). */
    val ackNumber get() = Integer.toUnsignedLong(repr.ack())
    /** The window field as sent (not scaled): `it.tcp.window == 0` is a zero window. */
    val window get() = repr.window()
    /** Payload length in bytes. */
    val length get() = repr.payload().size
    /** The reference tables' letters: S, SA, A, AP, AF, AR, R: `it.tcp.flags == "SA"`. */
    val flags: String get() = TcpFlags.letters(repr.flags())
    /** `S 40000>80 len 0`. */
    override fun toString() = "$flags $srcPort>$dstPort len $length"
}

/**
 * This segment with another window field, for [LinkConfig.rewrite].
 *
 * ```kotlin
 * rewrite(first = 1, match = { it.tcp.synAck }) { t -> t.withWindow(0) }
 * ```
 */
fun TcpRepr.withWindow(window: Int) = TcpRepr(srcPort(), dstPort(), seq(), ack(), flags(), window, urgent(), options(), payload())

/** This segment with other flags (stack-core's TcpFlags bits), for [LinkConfig.rewrite]: `t.withFlags(TcpFlags.RST)`. */
fun TcpRepr.withFlags(flags: Int) = TcpRepr(srcPort(), dstPort(), seq(), ack(), flags, window(), urgent(), options(), payload())

/** This segment with another sequence number, for [LinkConfig.rewrite]: `t.withSeq(t.seq().toLong() + 1)`. */
fun TcpRepr.withSeq(seq: Long) = TcpRepr(srcPort(), dstPort(), seq.toInt(), ack(), flags(), window(), urgent(), options(), payload())
