package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace

/** Every TCP segment that entered a link, in time order. */
val ScriptScope.wire: Wire get() = Wire(TraceExport.packets(world))

/**
 * Packets on the wire, filterable: `wire.from(server).synAcks().times()`. Each packet is
 * counted once, on the link it entered first (a switch forwards it onto a second link).
 */
class Wire(private val packets: List<LabTrace.WirePacket>) : List<LabTrace.WirePacket> by packets {
    private fun where(p: (LabTrace.WirePacket) -> Boolean) = Wire(packets.filter(p))

    fun from(host: HostHandle) = where { it.fromHost() == host.name }
    fun to(host: HostHandle) = where { it.toHost() == host.name }
    fun between(a: HostHandle, b: HostHandle) = where {
        (it.fromHost() == a.name && it.toHost() == b.name) || (it.fromHost() == b.name && it.toHost() == a.name)
    }
    fun port(port: Int) = where { it.srcPort() == port || it.dstPort() == port }

    /** SYN without ACK. */
    fun syns() = where { it.flags() == "S" }
    fun synAcks() = where { it.flags() == "SA" }
    fun rsts() = where { 'R' in it.flags() }
    fun fins() = where { 'F' in it.flags() }
    /** Only ACK, no data. */
    fun pureAcks() = where { it.flags() == "A" && it.length() == 0 }
    fun data() = where { it.length() > 0 }
    /** Dropped by a fault on the link. */
    fun dropped() = where { !it.delivered() }
    fun withFlags(letters: String) = where { it.flags() == letters }
    fun matching(p: (LabTrace.WirePacket) -> Boolean) = where(p)

    /** When each packet entered its link. */
    fun times(): List<VDuration> = packets.map { VDuration(it.timeNanos()) }
    fun flags(): List<String> = packets.map { it.flags() }
    fun windows(): List<Int> = packets.map { it.window() }
    /** "S", "SA", "A"... with direction: "client>server S". */
    fun ladder(): List<String> = packets.map { "${it.fromHost()}>${it.toHost()} ${it.flags()}" }

    /** Equal to any list with the same packets (so `wire.rsts() shouldBe emptyList()` works). */
    override fun equals(other: Any?) = other is List<*> && packets == other

    override fun hashCode() = packets.hashCode()

    override fun toString() = packets.joinToString("\n") {
        "${VDuration(it.timeNanos())} ${it.fromHost()}>${it.toHost()} ${it.flags()} seq ${it.relSeq()} ack ${it.relAck()} win ${it.window()} len ${it.length()}"
    }
}

/** The kernel functions, state changes and calls of the run. */
val ScriptScope.trace: TraceView get() = TraceView(world)

class TraceView internal constructor(private val world: World) {
    /** Kernel functions that ran on [host], in order (tcp_v4_rcv, tcp_conn_request, ...). */
    fun on(host: HostHandle): List<String> = world.network.trace().kernelCalls(host.name)

    /** Kernel calls with time and detail. */
    fun calls(host: HostHandle): List<LabTrace.KernelCall> = TraceExport.kernelCalls(world).filter { it.host() == host.name }

    /** Every state change on [host] ("TCP_SYN_SENT" → "TCP_ESTABLISHED" ...). */
    fun states(host: HostHandle): List<LabTrace.StateChange> = TraceExport.states(world).filter { it.host() == host.name }
}
