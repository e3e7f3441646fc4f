package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace

/**
 * Every TCP segment that entered a link so far, in time order - delivered or dropped by a fault -
 * with relative sequence numbers as the reference tables have them.
 *
 * ```kotlin
 * wire.from(server).synAcks().times() shouldBeAbout listOf(10.ms, 1.01.s)
 * ```
 */
val ScriptScope.wire: Wire get() = Wire(TraceExport.packets(world))

/**
 * Packets on the wire, filterable: `wire.from(server).synAcks().times()`. Each packet is
 * counted once, on the link it entered first (a switch forwards it onto a second link). A
 * [Wire] is a list: `size`, `first()`, `single()`, indexing all work.
 *
 * ```kotlin
 * wire.from(client).to(server).syns().size shouldBe 3
 * wire.rsts() shouldBe emptyList()
 * ```
 */
class Wire(private val packets: List<LabTrace.WirePacket>) : List<LabTrace.WirePacket> by packets {
    private fun where(p: (LabTrace.WirePacket) -> Boolean) = Wire(packets.filter(p))

    /** The packets sent by [host]: `wire.from(client)`. */
    fun from(host: HostHandle) = where { it.fromHost() == host.name }
    /** The packets sent to [host]: `wire.to(server)`. */
    fun to(host: HostHandle) = where { it.toHost() == host.name }
    /** The packets between [a] and [b], both directions: `wire.between(client, server).size`. */
    fun between(a: HostHandle, b: HostHandle) = where {
        (it.fromHost() == a.name && it.toHost() == b.name) || (it.fromHost() == b.name && it.toHost() == a.name)
    }
    /** The packets from or to [port]: `wire.port(5000).syns()`. */
    fun port(port: Int) = where { it.srcPort() == port || it.dstPort() == port }

    /** SYN without ACK: a client's connection attempts, `wire.syns().times() shouldBeAbout listOf(0.s, 1.s, 2.s)`. */
    fun syns() = where { it.flags() == "S" }
    /** SYN-ACKs (flags exactly SA): `wire.from(server).synAcks().size shouldBe 1`. */
    fun synAcks() = where { it.flags() == "SA" }
    /** Anything with RST (R or RA): `wire.rsts().single().relAck()`. */
    fun rsts() = where { 'R' in it.flags() }
    /** Anything with FIN (F, FA, FPA...): `wire.fins().size shouldBe 2`. */
    fun fins() = where { 'F' in it.flags() }
    /** Only ACK, no data: third ACKs, window updates, challenge ACKs: `wire.from(client).pureAcks()`. */
    fun pureAcks() = where { it.flags() == "A" && it.length() == 0 }
    /** Segments with payload: `wire.from(client).data().size shouldBe 1`. */
    fun data() = where { it.length() > 0 }
    /**
     * Dropped by a fault on the link (captured, then lost).
     *
     * ```kotlin
     * wire.dropped().flags() shouldBe listOf("SA", "SA") // drop(first = 2) { it.tcp.synAck }
     * ```
     */
    fun dropped() = where { !it.delivered() }
    /** Exactly these flags, in the reference tables' letters (S, SA, A, AP, FA, R, RA): `wire.withFlags("RA")`. */
    fun withFlags(letters: String) = where { it.flags() == letters }
    /** The packets [p] accepts: `wire.matching { it.window() == 0 }`. */
    fun matching(p: (LabTrace.WirePacket) -> Boolean) = where(p)

    /**
     * When each packet entered its link: the schedule of retransmissions.
     *
     * ```kotlin
     * wire.from(client).syns().times() shouldBeAbout listOf(0.s, 1.s, 2.s, 3.s) // 6.18: 1 s RTOs, not doubled at first
     * ```
     */
    fun times(): List<VDuration> = packets.map { VDuration(it.timeNanos()) }
    /** Each packet's flags: `wire.from(server).flags() shouldBe listOf("SA", "A")`. */
    fun flags(): List<String> = packets.map { it.flags() }
    /** Each packet's window field (unscaled): `wire.from(server).windows().first() shouldBe 65160`. */
    fun windows(): List<Int> = packets.map { it.window() }
    /**
     * "S", "SA", "A"... with direction: "client>server S", one per packet.
     *
     * ```kotlin
     * wire.ladder() shouldBe listOf("client>server S", "server>client SA", "client>server A")
     * ```
     */
    fun ladder(): List<String> = packets.map { "${it.fromHost()}>${it.toHost()} ${it.flags()}" }

    /** Equal to any list with the same packets (so `wire.rsts() shouldBe emptyList()` works). */
    override fun equals(other: Any?) = other is List<*> && packets == other

    /** The packets' hash, as a list's. */
    override fun hashCode() = packets.hashCode()

    /** One line per packet, as in failure messages: `10 ms server>client SA seq 0 ack 1 win 65160 len 0`. */
    override fun toString() = packets.joinToString("\n") {
        "${VDuration(it.timeNanos())} ${it.fromHost()}>${it.toHost()} ${it.flags()} seq ${it.relSeq()} ack ${it.relAck()} win ${it.window()} len ${it.length()}"
    }
}

/**
 * The kernel functions, state changes and calls of the run so far, per host.
 *
 * ```kotlin
 * trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request")
 * ```
 */
val ScriptScope.trace: TraceView get() = TraceView(world)

/**
 * What ran in each host's kernel, as `trace` shows it: functions (named as in net/ipv4), state changes.
 *
 * ```kotlin
 * trace.states(client).map { it.to() } shouldBe listOf("TCP_SYN_SENT", "TCP_ESTABLISHED")
 * ```
 */
class TraceView internal constructor(private val world: World) {
    /**
     * Kernel functions that ran on [host], in order (tcp_v4_rcv, tcp_conn_request, ...).
     *
     * ```kotlin
     * trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request", "tcp_v4_send_synack")
     * ```
     */
    fun on(host: HostHandle): List<String> = world.network.trace().kernelCalls(host.name)

    /** Kernel calls on [host] with time and detail: `trace.calls(server).first { it.function() == "tcp_conn_request" }.timeNanos()`. */
    fun calls(host: HostHandle): List<LabTrace.KernelCall> = TraceExport.kernelCalls(world).filter { it.host() == host.name }

    /** Every state change on [host] ("TCP_SYN_SENT" → "TCP_ESTABLISHED" ...), with time and socket: `trace.states(client).last().to()`. */
    fun states(host: HostHandle): List<LabTrace.StateChange> = TraceExport.states(world).filter { it.host() == host.name }
}
