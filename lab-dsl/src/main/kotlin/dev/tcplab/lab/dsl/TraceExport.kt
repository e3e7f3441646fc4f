package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace
import dev.tcplab.stack.host.TraceEvent
import dev.tcplab.stack.wire.Frames
import dev.tcplab.stack.wire.TcpFlags

/**
 * The world's trace as the report model: hosts, packets (relative seq/ack), states, faults,
 * calls, pcaps and the listeners' queue samples. Packets and state changes carry their place in
 * the run's event log (`order`), so a report can draw one instant in causal order.
 */
object TraceExport {
    /** The whole trace of [world] for reports: `TraceExport.export(world).packets()`. */
    fun export(world: World): LabTrace = LabTrace(
        world.hosts.values.map { LabTrace.HostInfo(it.name, it.address.toString(), "model") },
        packets(world), states(world), faults(world), kernelCalls(world),
        world.network.links().map { LabTrace.LinkCapture(it.name(), it.pcap()) },
        listOf(), world.queueSampler.samples(),
    )

    /**
     * TCP segments in event order, each once (on the link it entered first), plus those a host's
     * own firewall dropped: an INPUT drop marks the segment that arrived (matched by its bytes),
     * an OUTPUT drop adds a segment that never reached a link. Sequence numbers are relative to
     * the first one seen per direction of a 4-tuple, as the reference tables do.
     */
    fun packets(world: World): List<LabTrace.WirePacket> {
        val out = ArrayList<LabTrace.WirePacket>()
        val bytes = ArrayList<ByteArray>() // each packet's frame, to find the one an INPUT rule dropped
        val isn = HashMap<String, Long>()
        for ((index, e) in world.network.trace().events().withIndex()) {
            val frame = when {
                // a switch forwards each frame onto a second link: keep the copy that left a host
                e is TraceEvent.Frame && !world.isSwitch(e.fromNode()) -> e.bytes()
                e is TraceEvent.NetfilterDrop -> e.frame()
                else -> continue
            }
            if (e is TraceEvent.NetfilterDrop && e.chain() == "INPUT") {
                val i = (out.indices.reversed()).firstOrNull { out[it].delivered() && sameIpPacket(bytes[it], frame) }
                if (i != null) {
                    out[i] = dropped(out[i], e)
                    continue
                }
            }
            val d = Frames.decode(frame)
            val ip = d.ip() ?: continue
            val t = d.tcp() ?: continue
            val fromHost = world.hosts.values.firstOrNull { it.address == ip.src() }?.name
                ?: (e as? TraceEvent.Frame)?.fromNode() ?: (e as TraceEvent.NetfilterDrop).host()
            val toHost = world.hosts.values.firstOrNull { it.address == ip.dst() }?.name
                ?: (e as? TraceEvent.Frame)?.toNode() ?: (e as TraceEvent.NetfilterDrop).host()
            val fwd = "${ip.src()}:${t.srcPort()}>${ip.dst()}:${t.dstPort()}"
            val rev = "${ip.dst()}:${t.dstPort()}>${ip.src()}:${t.srcPort()}"
            val seq = Integer.toUnsignedLong(t.seq())
            val base = isn.getOrPut(fwd) { seq }
            val ack = Integer.toUnsignedLong(t.ack())
            val relAck = if (!t.has(TcpFlags.ACK)) -1 else isn[rev]?.let { (ack - it) and 0xFFFFFFFFL } ?: ack
            val p = LabTrace.WirePacket(e.time(), (e as? TraceEvent.Frame)?.link(), fromHost, toHost, ip.src().toString(),
                t.srcPort(), ip.dst().toString(), t.dstPort(), TcpFlags.letters(t.flags()), seq, ack,
                (seq - base) and 0xFFFFFFFFL, relAck, t.window(), t.payload().size, t.options().tcpdump(),
                (e as? TraceEvent.Frame)?.delivered() ?: true, (e as? TraceEvent.Frame)?.fault(), index.toLong(), null, null)
            out.add(if (e is TraceEvent.NetfilterDrop) dropped(p, e) else p)
            bytes.add(frame)
        }
        return out
    }

    private fun dropped(p: LabTrace.WirePacket, e: TraceEvent.NetfilterDrop) = LabTrace.WirePacket(
        p.timeNanos(), p.link(), p.fromHost(), p.toHost(), p.src(), p.srcPort(), p.dst(), p.dstPort(), p.flags(),
        p.seq(), p.ack(), p.relSeq(), p.relAck(), p.window(), p.length(), p.options(), false, p.fault(), p.order(),
        e.host(), "${e.chain()}: ${e.rule()}")

    /** The IPv4 packets of two Ethernet frames are the same bytes (the MACs may differ after a switch). */
    private fun sameIpPacket(a: ByteArray, b: ByteArray): Boolean {
        if (a.size < 34 || b.size < 34) return false
        val len = ((a[16].toInt() and 0xff) shl 8) or (a[17].toInt() and 0xff)
        if (14 + len > a.size || 14 + len > b.size) return false
        return java.util.Arrays.equals(a, 14, 14 + len, b, 14, 14 + len)
    }

    /** Every state change of [world]'s sockets, in event order: `TraceExport.states(world).last().to()`. */
    fun states(world: World): List<LabTrace.StateChange> = world.network.trace().events().withIndex()
        .filter { it.value is TraceEvent.StateChange }
        .map { (i, e) ->
            val s = e as TraceEvent.StateChange
            LabTrace.StateChange(s.time(), s.host(), s.socket(), s.from(), s.to(), i.toLong())
        }

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
