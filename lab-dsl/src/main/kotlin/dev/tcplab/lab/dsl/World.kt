package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.KernelProfile
import dev.tcplab.stack.host.Network
import dev.tcplab.stack.wire.Ipv4Address

/**
 * One lab's simulated network (stack-core's [Network]) as the lab's [Simulation]: created on
 * the first `host(...)`, seeded with the lab's seed, installed as the lab's clock, and exported
 * as the lab's trace when it ends.
 */
class World internal constructor(val lab: LabContext) : Simulation {
    val network = Network(lab.seed)
    internal val hosts = LinkedHashMap<String, HostHandle>()
    internal val links = ArrayList<LinkHandle>()
    internal val switches = HashSet<String>()

    internal fun isSwitch(node: String) = node in switches

    override val nowNanos: Long get() = network.now()

    override fun runUntil(nanos: Long) = network.runUntil(nanos)

    override fun runNext(): Boolean = network.loop().runNext()

    override fun nextEventNanos(): Long? = network.loop().nextEventTime().takeIf { it != Long.MAX_VALUE }

    internal fun addHost(name: String, address: String, profile: KernelProfile): HostHandle {
        if (hosts.containsKey(name)) throw LabScriptError("host $name is declared twice")
        val addr = try {
            Ipv4Address.parse(address.substringBefore('/'))
        } catch (e: IllegalArgumentException) {
            throw LabScriptError("host $name: '$address' is not an IPv4 address")
        }
        val prefix = address.substringAfter('/', "24").toIntOrNull()
            ?: throw LabScriptError("host $name: bad prefix in '$address'")
        val h = HostHandle(this, network.host(name, profile), addr, prefix)
        hosts[name] = h
        return h
    }

    fun host(name: String): HostHandle = hosts[name] ?: throw LabScriptError("no host named $name")

    companion object {
        private val KEY = Any()

        /** The lab's world, created (and installed as its clock and trace) on first use. */
        fun of(lab: LabContext): World = lab.attachment(KEY) {
            val w = World(lab)
            lab.simulation = w
            lab.traceProvider = { TraceExport.export(w) }
            w
        }
    }
}
