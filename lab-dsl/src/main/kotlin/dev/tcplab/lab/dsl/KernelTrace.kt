package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace

/** The world's trace plus, with a Linux host, that host and the veth's capture (both directions, ARP included). */
internal object KernelTrace {
    fun export(world: World): LabTrace {
        val t = TraceExport.export(world)
        val k = world.kernel ?: return t
        return LabTrace(
            t.hosts() + LabTrace.HostInfo(k.kernelName(), k.kernelAddress().toString(), "linux"),
            t.packets(), t.states(), t.faults(), t.kernelCalls(),
            t.captures() + LabTrace.LinkCapture(k.linkName(), k.pcap()),
            t.warnings(), t.queues(),
        )
    }
}
