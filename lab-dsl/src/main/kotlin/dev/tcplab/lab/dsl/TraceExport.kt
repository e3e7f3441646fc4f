package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace
import dev.tcplab.stack.host.TraceEvent
import dev.tcplab.stack.wire.Frames
import dev.tcplab.stack.wire.TcpFlags

/**
 * The world's trace as the report model: hosts, packets (relative seq/ack), states, faults, calls, pcaps.
 *
 * ```kotlin
 * TraceExport.export(world).packets().size
 * ```
 */
object TraceExport {
    /** The whole trace of [world] for reports: `TraceExport.export(world).packets()`. */
    fun export(world: World): LabTrace = LabTrace(
        world.hosts.values.map { LabTrace.HostInfo(it.name, it.address.toString(), "model") },
        packets(world), states(world), faults(world), kernelCalls(world),
        world.network.links().map { LabTrace.LinkCapture(it.name(), it.pcap()) },
    )

    /**
     * TCP segments in time order, each once (on the link it entered first). Sequence numbers are
     * relative to the first one seen per direction of a 4-tuple, as the reference tables do: what `wire` lists.
     */
    fun packets(world: World): List<LabTrace.WirePacket> {
        val out = ArrayList<LabTrace.WirePacket>()
        val isn = HashMap<String, Long>()
        for (e in world.network.trace().events()) {
            if (e !is TraceEvent.Frame) continue
            // a switch forwards each frame onto a second link: keep the copy that left a host
            if (world.isSwitch(e.fromNode())) continue
            val d = Frames.decode(e.bytes())
            val ip = d.ip() ?: continue
            val t = d.tcp() ?: continue
            val fromHost = world.hosts.values.firstOrNull { it.address == ip.src() }?.name ?: e.fromNode()
            val toHost = world.hosts.values.firstOrNull { it.address == ip.dst() }?.name ?: e.toNode()
            val fwd = "${ip.src()}:${t.srcPort()}>${ip.dst()}:${t.dstPort()}"
            val rev = "${ip.dst()}:${t.dstPort()}>${ip.src()}:${t.srcPort()}"
            val seq = Integer.toUnsignedLong(t.seq())
            val base = isn.getOrPut(fwd) { seq }
            val ack = Integer.toUnsignedLong(t.ack())
            val relAck = if (!t.has(TcpFlags.ACK)) -1 else isn[rev]?.let { (ack - it) and 0xFFFFFFFFL } ?: ack
            out.add(LabTrace.WirePacket(e.time(), e.link(), fromHost, toHost, ip.src().toString(), t.srcPort(),
                ip.dst().toString(), t.dstPort(), TcpFlags.letters(t.flags()), seq, ack, (seq - base) and 0xFFFFFFFFL,
                relAck, t.window(), t.payload().size, t.options().tcpdump(), e.delivered(), e.fault()))
        }
        return out
    }

    /** Every state change of [world]'s sockets, in time order: `TraceExport.states(world).last().to()`. */
    fun states(world: World): List<LabTrace.StateChange> = world.network.trace().events()
        .filterIsInstance<TraceEvent.StateChange>()
        .map { LabTrace.StateChange(it.time(), it.host(), it.socket(), it.from(), it.to()) }

    /** Every fault mark (a frame a link fault dropped, a link going down), in time order: `TraceExport.faults(world).size`. */
    fun faults(world: World): List<LabTrace.FaultMark> = world.network.trace().events().mapNotNull {
        when {
            it is TraceEvent.Fault -> LabTrace.FaultMark(it.time(), it.link(), it.description())
            it is TraceEvent.Frame && it.fault() != null -> LabTrace.FaultMark(it.time(), it.link(), it.fault())
            else -> null
        }
    }

    /** Every kernel function that ran on a model host, with time and detail: `TraceExport.kernelCalls(world).map { it.function() }`. */
    fun kernelCalls(world: World): List<LabTrace.KernelCall> = world.network.trace().events()
        .filterIsInstance<TraceEvent.KernelCall>()
        .map { LabTrace.KernelCall(it.time(), it.host(), it.function(), it.detail()) }
}
