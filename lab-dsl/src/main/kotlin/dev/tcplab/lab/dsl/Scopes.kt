package dev.tcplab.lab.dsl

/** The clock verbs shared by every scope; they all drive [LabContext.simulation]. */
open class ScriptScopeBody(final override val lab: LabContext) : ScriptScope {
    override val now: VDuration get() = VDuration(lab.simulation.nowNanos)

    override val submission: Submission get() = lab.submission

    override val seed: Long get() = lab.seed

    override fun <T> at(time: VDuration, block: () -> T): T {
        runUntil(time)
        return block()
    }

    override fun <T> after(delay: VDuration, block: () -> T): T =
        at(now + requireNotNegative(delay, "after($delay)"), block)

    override fun runUntil(time: VDuration) {
        val sim = lab.simulation
        if (time.nanos < sim.nowNanos) {
            throw LabScriptError("cannot go back to $time: virtual time is already ${VDuration(sim.nowNanos)}")
        }
        sim.runUntil(time.nanos)
    }

    override fun eventually(within: VDuration, block: () -> Unit) {
        requireNotNegative(within, "eventually(within = $within)")
        val sim = lab.simulation
        val deadline = sim.nowNanos + within.nanos
        while (true) {
            val failure = try {
                block()
                if (sim.nowNanos <= deadline) return
                null // held only after the deadline: a simulation without nextEventNanos() overshot
            } catch (e: ExpectationFailed) {
                e
            }
            if (sim.nowNanos >= deadline) throw late(within, failure)
            val next = sim.nextEventNanos()
            if (next != null && next > deadline) {
                sim.runUntil(deadline)
            } else if (!sim.runNext()) {
                sim.runUntil(deadline) // nothing scheduled: one last look at the deadline
            }
        }
    }

    private fun late(within: VDuration, last: ExpectationFailed?): ExpectationFailed {
        val now = lab.simulation.nowNanos
        return if (last != null) {
            ExpectationFailed(last.expected, last.actual, "not within $within: ${last.description}", last.virtualNanos, last.location)
        } else {
            ExpectationFailed(null, null, "held only after $within", now, ScriptFrames.here(lab))
        }
    }
}

/** The body of a lab script, or of a `step`: checks declared here carry [stepName]. */
class LabBody(lab: LabContext, private val stepName: String? = null) : ScriptScopeBody(lab), LabScope {
    override var title: String
        get() = lab.title
        set(value) { lab.title = value }

    override var seed: Long
        get() = lab.seed
        set(value) { lab.seed = value }

    override fun check(name: String, points: Double, hidden: Boolean, block: CheckScope.() -> Unit) =
        lab.runCheck(name, stepName, points, hidden, block)

    override fun step(name: String, block: LabScope.() -> Unit) =
        LabBody(lab, if (stepName == null) name else "$stepName / $name").block()
}

/**
 * The receiver of a `check { }` block (engine side): the clock verbs of [ScriptScopeBody] and the check's name.
 *
 * ```kotlin
 * CheckBody(lab, "one SYN").block() // what LabContext.runCheck does
 * ```
 */
class CheckBody(lab: LabContext, override val checkName: String) : ScriptScopeBody(lab), CheckScope
