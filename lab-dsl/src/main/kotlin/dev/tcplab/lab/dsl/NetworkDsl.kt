package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.KernelProfile
import dev.tcplab.stack.sim.TimerWheel

/*
 * Declaring the network of a lab: hosts, links, switches. The DSL only describes; stack-core runs.
 *
 *   val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 3) }
 *   val server = host("server", "192.0.2.2")
 *   link(client, server) { delay = 10.ms; drop(first = 2, from = server) { it.tcp.synAck } }
 *
 * Declarations do not depend on the clock: a host, link or switch declared after `at(6.s) { }`
 * behaves as one declared at 0 (nothing happens on it before a socket call; `down(start, end)`
 * takes absolute times), so a lab may add the network of its part 2 where part 2 begins (labs 09,
 * 13). Socket calls, sysctls and firewall rules are actions: they take effect when the script
 * reaches them. Only `linuxHost` must come first: it starts the wall clock.
 */

/**
 * The lab's network (created on first use): stack-core's network behind the DSL, for what it does not wrap.
 *
 * ```kotlin
 * world.network.links().size shouldBe 1
 * ```
 */
val ScriptScope.world: World get() = World.of(lab)

/**
 * The modelled kernels run their timers on Linux's timer wheel (kernel/time/timer.c) at [hz]
 * ticks per second. This is the default, at 250 as on the reference kernel (CONFIG_HZ_250; 100
 * and 1000 are the other usual ones): a timer fires on a jiffy tick, rounded up to its wheel
 * level's granularity, so up to 12.5 % late (a 1 s SYN timer up to 32 ms: the captures' 1.01–1.03 s),
 * and the timers due in one tick fire together, the newest first. Where jiffies stand when the
 * lab starts comes from the seed (so set `seed` first). Before the first host.
 *
 * ```kotlin
 * timerWheel(hz = 1000) // a CONFIG_HZ_1000 kernel: finer ticks, the same 12.5 % rounding
 * ```
 */
fun LabScope.timerWheel(hz: Int = TimerWheel.DEFAULT_HZ) {
    if (hz !in listOf(100, 250, 1000)) {
        throw LabScriptError("timerWheel(hz = $hz): the model runs CONFIG_HZ 100, 250 or 1000")
    }
    world.timers("timerWheel(hz = $hz)") { it.timerWheel(hz) }
}

/**
 * The modelled kernels' timers fire at exactly their nominal times (the SYN retransmission at
 * 1 s, 3 s, 7 s...) instead of on the timer wheel: for teaching the nominal values. Real kernels
 * are later by up to 12.5 % ([timerWheel]). Before the first host.
 *
 * ```kotlin
 * exactTimers()
 * val client = host("client", "192.0.2.1")
 * ```
 */
fun LabScope.exactTimers() = world.timers("exactTimers()") { it.exactTimers() }

/**
 * A modelled Linux host named [name] with an IPv4 [address] ("192.0.2.1" or "192.0.2.1/24",
 * prefix 0..32, default /24), running [profile]'s kernel (Linux 6.18 by default); [configure]
 * sets its sysctls before anything happens. Two hosts on one network need their own addresses.
 *
 * ```kotlin
 * val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 3) }
 * val server = host("server", "192.0.2.2")
 * ```
 */
fun LabScope.host(
    name: String,
    address: String,
    profile: KernelProfile = KernelProfile.LINUX_6_18,
    configure: HostConfig.() -> Unit = {},
): HostHandle {
    val h = world.addHost(name, address, profile)
    HostConfig(h).configure()
    return h
}

/**
 * Sysctls and other host settings, in the `host(...) { }` block.
 *
 * ```kotlin
 * host("server", "192.0.2.2") { sysctl("net.ipv4.tcp_syncookies", 2) }
 * ```
 */
@LabDsl
class HostConfig internal constructor(private val host: HostHandle) {
    /**
     * `sysctl -w`, by /proc/sys name: `sysctl("net.ipv4.tcp_syncookies", 2)`. An unknown name or a
     * value the kernel would refuse is an error at its line.
     *
     * ```kotlin
     * host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 2) } // 2 retransmissions, then ETIMEDOUT
     * ```
     */
    fun sysctl(name: String, value: Any) = host.sysctl(name, value)
}

/**
 * A point-to-point link between two different hosts (their addresses go on its ends), configured
 * by [configure] (delay, rate, faults). With [staticArp] (the default, as in the reference
 * captures' setup) each side knows the other's MAC, so the first SYN leaves at once;
 * `staticArp = false` lets ARP resolve it on the wire first.
 *
 * ```kotlin
 * link(client, server) {
 *     delay = 10.ms
 *     drop(first = 2, from = server) { it.tcp.synAck }
 * }
 * ```
 */
fun LabScope.link(a: HostHandle, b: HostHandle, staticArp: Boolean = true, configure: LinkConfig.() -> Unit = {}): LinkHandle {
    val declaration = "link(${a.name}, ${b.name})"
    if (a === b) throw LabScriptError("$declaration: a link joins two different hosts")
    world.requireDistinctAddresses(declaration, listOf(a.name to b.name))
    val l = world.network.link(a.host, "${a.address}/${a.prefix}", b.host, "${b.address}/${b.prefix}")
    if (staticArp) {
        a.host.ip().arp().addStatic(b.address, l.b().mac())
        b.host.ip().arp().addStatic(a.address, l.a().mac())
    }
    val handle = LinkHandle(world, l, a, b)
    world.links.add(handle)
    LinkConfig(handle).configure()
    return handle
}

/**
 * A switch named [name] for three or more hosts: each host gets its own link to the switch,
 * configured by the block. With [staticArp] every
 * host knows every other's MAC, as on a point-to-point link.
 *
 * ```kotlin
 * lan("lan", client, server, attacker) { delay = 1.ms }
 * ```
 */
fun LabScope.lan(name: String, vararg hosts: HostHandle, staticArp: Boolean = true,
                 configure: LinkConfig.() -> Unit = {}): List<LinkHandle> {
    val declaration = "lan(\"$name\", ${hosts.joinToString { it.name }})"
    hosts.groupBy { it.name }.values.firstOrNull { it.size > 1 }?.let {
        throw LabScriptError("$declaration: ${it[0].name} is on the switch twice")
    }
    // frames are told apart by the node that sent them: a switch may not share a host's name
    if (world.hosts.containsKey(name) || name in world.switches) throw LabScriptError("the name $name is already taken")
    world.requireDistinctAddresses(declaration, hosts.map { it.name to "switch $name" })
    world.switches.add(name)
    val sw = world.network.lan(name)
    val handles = hosts.map { h ->
        val l = world.network.attach(h.host, "${h.address}/${h.prefix}", sw)
        val handle = LinkHandle(world, l, h, null, name)
        world.links.add(handle)
        LinkConfig(handle).configure()
        handle
    }
    if (staticArp) {
        for (x in handles) for (y in handles) {
            if (x !== y) x.a.host.ip().arp().addStatic(y.a.address, y.link.a().mac())
        }
    }
    return handles
}
