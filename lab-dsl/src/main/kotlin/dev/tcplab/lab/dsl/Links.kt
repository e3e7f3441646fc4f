package dev.tcplab.lab.dsl

import dev.tcplab.stack.dev.Fault
import dev.tcplab.stack.dev.Link
import dev.tcplab.stack.dev.fault.Faults
import dev.tcplab.stack.dev.fault.Match
import dev.tcplab.stack.wire.DecodedFrame
import dev.tcplab.stack.wire.Ipv4Repr
import dev.tcplab.stack.wire.TcpFlags
import dev.tcplab.stack.wire.TcpRepr

/** A link of the lab (its stack-core [Link] is reachable for anything not wrapped). */
class LinkHandle internal constructor(
    internal val world: World,
    val link: Link,
    val a: HostHandle,
    /** null for a host's link to a switch. */
    val b: HostHandle?,
    /** The switch's name for a host's link to a switch, else null. */
    internal val switch: String? = null,
) {
    val name: String get() = link.name()

    internal fun ends(from: HostHandle?): List<Link.End> = when {
        from == null -> listOf(link.a(), link.b())
        from === a -> listOf(link.a())
        from === b -> listOf(link.b())
        else -> throw LabScriptError("${from.name} is not on link $name")
    }

    override fun toString() = name
}

/** Bits per second: `rate = 10.mbit`. */
val Int.kbit: Long get() = this * 1_000L
val Int.mbit: Long get() = this * 1_000_000L
val Int.gbit: Long get() = this * 1_000_000_000L

/**
 * The `link(a, b) { }` block: delay and rate, netem-style faults and targeted rules. `from`
 * picks a direction (frames sent by that host); without it a fault acts on both directions.
 * Faults act on the wire: the frame is captured (like tcpdump on the sender), then lost.
 */
@LabDsl
class LinkConfig internal constructor(private val handle: LinkHandle) {
    /** One-way propagation delay (not negative). */
    var delay: VDuration
        get() = VDuration(handle.link.delay())
        set(value) = handle.link.setDelay(requireNotNegative(value, "delay = $value").nanos)

    /** Serialisation rate in bits per second; 0 = unlimited. */
    var rate: Long = 0
        set(value) {
            if (value < 0) throw LabScriptError("rate = $value: a rate cannot be negative (0 = unlimited)")
            field = value
            handle.link.setRate(value)
        }

    /**
     * Adds any stack-core [Fault] (see dev.tcplab.stack.dev.fault.Faults), made once per
     * direction because faults keep state: `fault { Faults.loss(0.1) }`.
     */
    fun fault(from: HostHandle? = null, make: () -> Fault) = each(from, make)

    private fun each(from: HostHandle?, make: () -> Fault) = handle.ends(from).forEach { it.faults().add(make()) }

    /** netem `loss p` (probability 0..1, not percent), optionally correlated (0..1). */
    fun loss(probability: Double, correlation: Double = 0.0, from: HostHandle? = null) {
        requireProbability(probability, "loss($probability)")
        requireProbability(correlation, "loss(correlation = $correlation)")
        each(from) { Faults.loss(probability, correlation) }
    }

    /** netem `loss gemodel p r 1-h 1-k`: bursts of loss; every argument a probability 0..1. */
    fun gilbertElliott(p: Double, r: Double, lossInBad: Double = 1.0, lossInGood: Double = 0.0, from: HostHandle? = null) {
        for ((name, v) in listOf("p" to p, "r" to r, "lossInBad" to lossInBad, "lossInGood" to lossInGood)) {
            requireProbability(v, "gilbertElliott($name = $v)")
        }
        each(from) { Faults.gilbertElliott(p, r, lossInBad, lossInGood) }
    }

    /** netem `delay d j`: extra delay with uniform jitter (jitter can reorder). */
    fun jitter(delay: VDuration, jitter: VDuration, from: HostHandle? = null) {
        requireNotNegative(delay, "jitter(delay = $delay)")
        requireNotNegative(jitter, "jitter(jitter = $jitter)")
        each(from) { Faults.delay(delay.nanos, jitter.nanos) }
    }

    fun duplicate(probability: Double, from: HostHandle? = null) =
        each(from) { Faults.duplicate(requireProbability(probability, "duplicate($probability)")) }

    /** netem `corrupt p`: flips one bit; the receiver counts a bad checksum. */
    fun corrupt(probability: Double, from: HostHandle? = null) =
        each(from) { Faults.corrupt(requireProbability(probability, "corrupt($probability)")) }

    /** netem `reorder p gap N` with `delay d`: most frames are delayed by d, every gap-th goes at once. */
    fun reorder(probability: Double, gap: Int, delay: VDuration, from: HostHandle? = null) {
        requireProbability(probability, "reorder($probability)")
        requireAtLeast(gap, 1, "reorder(gap = $gap)")
        requireNotNegative(delay, "reorder(delay = $delay)")
        each(from) { Faults.reorder(Faults.delay(delay.nanos), probability, gap) }
    }

    /** The link is down (everything dropped) from [start] until [end]. */
    fun down(start: VDuration, end: VDuration) {
        requireNotNegative(start, "down(start = $start)")
        if (end < start) throw LabScriptError("down($start, $end): the link cannot come up before it goes down")
        each(null) { Faults.down(start.nanos, end.nanos) }
    }

    /**
     * Drops the frames matching [match] — all of them, the [first] N, only the [nth], or each
     * with [probability]: `drop(first = 2, from = server) { it.tcp.synAck }`.
     */
    fun drop(first: Int? = null, nth: Int? = null, probability: Double? = null, from: HostHandle? = null,
             match: (PacketView) -> Boolean) =
        rule(from, first, nth, probability) { Faults.drop(pred(match)) }

    /** Delays matching frames by [by]. */
    fun delay(by: VDuration, first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.delay(pred(match), requireNotNegative(by, "delay(by = $by)").nanos) }

    /** Corrupts the TCP checksum of matching frames. */
    fun corruptChecksum(first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.corruptChecksum(pred(match)) }

    fun duplicate(first: Int? = null, nth: Int? = null, from: HostHandle? = null, match: (PacketView) -> Boolean) =
        rule(from, first, nth, null) { Faults.duplicate(pred(match)) }

    /** Rewrites matching TCP segments (checksums recomputed): `rewrite(nth = 3) { it.tcp.ack } { t -> t.withWindow(0) }`. */
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

/** A packet as fault rules and firewall rules see it. */
class PacketView private constructor(val src: String, val dst: String, val tcp: TcpView) {
    /** Sent by [host] (by its address). */
    fun from(host: HostHandle) = src == host.address.toString()

    fun to(host: HostHandle) = dst == host.address.toString()

    companion object {
        fun of(ip: Ipv4Repr, tcp: TcpRepr) = PacketView(ip.src().toString(), ip.dst().toString(), TcpView(tcp))
    }

    override fun toString() = "$src > $dst ${tcp}"
}

/** A TCP segment's fields with readable names. */
class TcpView(val repr: TcpRepr) {
    val syn get() = repr.has(TcpFlags.SYN)
    val ack get() = repr.has(TcpFlags.ACK)
    val rst get() = repr.has(TcpFlags.RST)
    val fin get() = repr.has(TcpFlags.FIN)
    val psh get() = repr.has(TcpFlags.PSH)
    val synAck get() = syn && ack
    /** Only ACK set, no data. */
    val pureAck get() = repr.flags() == TcpFlags.ACK && repr.payload().isEmpty()
    val hasData get() = repr.payload().isNotEmpty()
    val srcPort get() = repr.srcPort()
    val dstPort get() = repr.dstPort()
    val seq get() = Integer.toUnsignedLong(repr.seq())
    val ackNumber get() = Integer.toUnsignedLong(repr.ack())
    val window get() = repr.window()
    val length get() = repr.payload().size
    /** The reference tables' letters: S, SA, A, AP, AF, AR, R. */
    val flags: String get() = TcpFlags.letters(repr.flags())
    override fun toString() = "$flags $srcPort>$dstPort len $length"
}

/** Helpers on TcpRepr for `rewrite`. */
fun TcpRepr.withWindow(window: Int) = TcpRepr(srcPort(), dstPort(), seq(), ack(), flags(), window, urgent(), options(), payload())

fun TcpRepr.withFlags(flags: Int) = TcpRepr(srcPort(), dstPort(), seq(), ack(), flags, window(), urgent(), options(), payload())

fun TcpRepr.withSeq(seq: Long) = TcpRepr(srcPort(), dstPort(), seq.toInt(), ack(), flags(), window(), urgent(), options(), payload())
