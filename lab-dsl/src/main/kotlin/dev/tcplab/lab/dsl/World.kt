package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.KernelProfile
import dev.tcplab.stack.host.Network
import dev.tcplab.stack.realif.KernelPeer
import dev.tcplab.stack.wire.Ipv4Address
import java.time.Duration

/**
 * One lab's simulated network (stack-core's [Network]) as the lab's [Simulation]: created on
 * the first `host(...)`, seeded with the lab's seed, installed as the lab's clock, and exported
 * as the lab's trace when it ends. Scripts reach it as `world`.
 *
 * With a Linux host (`linuxHost(...)`, KernelHosts.kt) the world runs on the wall clock: `at`,
 * `after`, `runUntil` and `eventually` wait in real time while the model answers the kernel.
 * Then `now` is the wall clock's (nanoseconds since the Linux host was declared): it moves while
 * the script computes, so `after(10.ms)` means 10 ms after that statement starts, and an `at(t)`
 * the wall clock has passed already is an error, as running back in virtual time is.
 *
 * ```kotlin
 * world.host("server").counter("TcpPassiveOpens") shouldBe 1L
 * ```
 *
 * @property lab the lab this world belongs to
 */
class World internal constructor(val lab: LabContext) : Simulation {
    /** The stack-core network: hosts, links, the event loop and the trace: `world.network.trace()`. */
    val network = Network(lab.seed)
    internal val hosts = LinkedHashMap<String, HostHandle>()
    internal val links = ArrayList<LinkHandle>()
    internal val switches = HashSet<String>()

    internal fun isSwitch(node: String) = node in switches

    /** The listeners' queue lengths over time, for the report's timeline chart. */
    internal val queueSampler = QueueSampler(this)

    /** The real kernel on a veth, once a Linux host was declared: the world then runs on the wall clock. */
    internal var kernel: KernelPeer? = null
        set(value) {
            check(field == null) { "a lab has at most one Linux host" }
            field = value
        }

    /** Wall-clock mode: the latest time the script ran to (now never reads less). */
    private var scriptNanos = 0L

    /** Whether a Linux host made this world run on the wall clock: `if (world.realTime) ...`. */
    val realTime: Boolean get() = kernel != null

    override val nowNanos: Long get() = kernel?.let { maxOf(scriptNanos, it.now()) } ?: network.now()

    override fun runUntil(nanos: Long) {
        val k = kernel
        queueSampler.sample() // what the script did since the world last ran (accept(), close())
        if (k == null) {
            // event by event, so the queues are sampled after each one (network.runUntil without the jumps)
            val loop = network.loop()
            while (loop.nextEventTime() <= nanos) {
                loop.runNext()
                queueSampler.sample()
            }
            network.runUntil(nanos)
        } else {
            k.runTo(nanos)
            scriptNanos = maxOf(scriptNanos, nanos)
        }
    }

    override fun runNext(): Boolean {
        queueSampler.sample()
        val k = kernel ?: return network.loop().runNext().also { queueSampler.sample() }
        // on the wall clock there is always a next moment: run until something happens, at most 1 ms
        val loop = network.loop()
        val before = loop.executed()
        val tasks = k.driver().tasksRun()
        k.runUntil({ loop.executed() != before || k.driver().tasksRun() != tasks }, Duration.ofMillis(1))
        scriptNanos = maxOf(scriptNanos, k.now())
        return true
    }

    /** Wall-clock mode: a kernel call returned; the script's clock moves to the wall clock's time. */
    internal fun caughtUp() {
        kernel?.let { scriptNanos = maxOf(scriptNanos, it.now()) }
    }

    override fun nextEventNanos(): Long? =
        if (kernel != null) null else network.loop().nextEventTime().takeIf { it != Long.MAX_VALUE }

    /** Chooses how the kernels run their timers ([timerWheel]/[exactTimers]); only before the first host. */
    internal fun timers(what: String, choose: (Network) -> Unit) {
        if (hosts.isNotEmpty() || kernel != null) {
            throw LabScriptError("$what: choose the timers before the first host (they are every kernel's)")
        }
        choose(network)
    }

    internal fun addHost(name: String, address: String, profile: KernelProfile): HostHandle {
        if (hosts.containsKey(name) || name in switches) throw LabScriptError("host $name: the name is already taken")
        val addr = try {
            Ipv4Address.parse(address.substringBefore('/'))
        } catch (e: IllegalArgumentException) {
            throw LabScriptError("host $name: '$address' is not an IPv4 address")
        }
        val prefix = address.substringAfter('/', "24").toIntOrNull()
            ?: throw LabScriptError("host $name: bad prefix in '$address'")
        if (prefix !in 0..32) throw LabScriptError("host $name: a prefix length is 0..32, not /$prefix in '$address'")
        val h = HostHandle(this, network.host(name, profile), addr, prefix)
        hosts[name] = h
        return h
    }

    /** The host declared as [name]; an unknown name is an error at its line: `world.host("server")`. */
    fun host(name: String): HostHandle = hosts[name] ?: throw LabScriptError("no host named $name")

    /**
     * Hosts that reach each other over links and switches (transitively) must have different
     * addresses: IPv4 could not tell them apart. Checked with the edges (host name to host name,
     * or to "switch NAME") about to be declared; fails naming the two hosts.
     */
    internal fun requireDistinctAddresses(declaration: String, added: List<Pair<String, String>>) {
        val edges = links.map { it.a.name to (it.b?.name ?: "switch ${it.switch}") } + added
        val parent = HashMap<String, String>()
        fun find(x: String): String {
            var r = x
            while (true) r = parent[r] ?: return r
        }
        for ((x, y) in edges) {
            val rx = find(x)
            val ry = find(y)
            if (rx != ry) parent[ry] = rx
        }
        val linked = edges.flatMap { it.toList() }.toSet()
        val seen = HashMap<Pair<String, Ipv4Address>, HostHandle>()
        for (h in hosts.values.filter { it.name in linked }) {
            val other = seen.putIfAbsent(find(h.name) to h.address, h) ?: continue
            throw LabScriptError("$declaration: hosts ${other.name} and ${h.name} both have ${h.address} on one network; " +
                "give each host its own address")
        }
    }

    /** Finds or creates the lab's world: `World.of(lab)`. */
    companion object {
        private val KEY = Any()

        /** The lab's world, created (and installed as its clock and trace) on first use: `World.of(lab)` (what `world` reads). */
        fun of(lab: LabContext): World = lab.attachment(KEY) {
            val w = World(lab)
            lab.simulation = w
            lab.traceProvider = { KernelTrace.export(w) }
            w
        }
    }
}
