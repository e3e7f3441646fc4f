package dev.tcplab.lab.dsl

import dev.tcplab.stack.compare.Ladder
import dev.tcplab.stack.host.TraceEvent
import dev.tcplab.stack.wire.Ipv4Address

/*
 * Ladders compare runs segment by segment (stack-core's compare.Ladder): direction, flags,
 * relative seq/ack, window field, length, option kinds and order, and times.
 *
 *   val model = modelOnly { ...the same scenario between two model hosts...; ladder(client) }
 *   check("the kernel's ladder is the model's") { ladder(client) shouldMatch model }
 */

/**
 * The lab's ladder: every segment once, segments from [client] are "C->S". With a Linux host: the veth's capture, named "linux".
 *
 * ```kotlin
 * val model = modelOnly { sameScenario(); ladder(client) } // sameScenario: a function of the lab
 * check("the kernel's ladder is the model's") { ladder(client) shouldMatch model }
 * ```
 */
fun ScriptScope.ladder(client: HostHandle): Ladder = ladderOf(client.address)

/** The lab's ladder with the Linux host as the client: its segments are "C->S": `ladder(linuxClient)`. */
fun ScriptScope.ladder(client: LinuxHostHandle): Ladder = ladderOf(client.address)

private fun ScriptScope.ladderOf(client: Ipv4Address): Ladder {
    val w = world
    w.kernel?.let { return it.ladder("linux", client) }
    val b = Ladder.Builder("model", client)
    val senders = w.hosts.keys
    for (e in w.network.trace().events()) {
        // each frame once: as its sending host put it on a link (a switch's copy has another fromNode)
        if (e is TraceEvent.Frame && e.fromNode() in senders) b.add(e.time(), e.bytes())
    }
    return b.build()
}

/**
 * Expects this ladder (the kernel's) to be [model]'s. A wall-clock ladder ("linux") is timed
 * causally: each segment the kernel sent must follow the previous one within the kernel's timer
 * slack of the model's gap. The model host's own segments there (it answers when the scheduler
 * runs it) and [actions] (1-based rung numbers the scripts' calls sent at set times, e.g. a send
 * at 10.ms) may be late by any amount, never early: a busy machine's pace is not TCP's. Two model
 * ladders are timed absolutely. On failure the message shows both ladders.
 *
 * ```kotlin
 * ladder(client).shouldMatch(model, 4) // rung 4 is the script's send at 10 ms
 * ```
 */
fun Ladder.shouldMatch(model: Ladder, vararg actions: Int) {
    expectationMade()
    val timing = if (name() == "linux" || model.name() == "linux") Ladder.Timing.WALL_CLOCK.withActions(*actions)
        else Ladder.Timing.LINUX_TIMER_SLACK
    val d = model.diff(this, timing)
    if (!d.matches()) fail(model.render(), render(), d.render().trimEnd())
}

/**
 * Expects this ladder to be [model]'s, with no rung sent by the script at a set time.
 *
 * ```kotlin
 * ladder(client) shouldMatch model
 * ```
 */
infix fun Ladder.shouldMatch(model: Ladder) = shouldMatch(model, *IntArray(0))
