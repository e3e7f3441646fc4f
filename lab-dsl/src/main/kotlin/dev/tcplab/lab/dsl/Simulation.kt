package dev.tcplab.lab.dsl

/**
 * The clock a lab script directs. The script body runs top to bottom; `at`, `after`,
 * `runUntil` and `eventually` move this simulation forward. A lab that declares no network
 * runs on [ClockOnlySimulation]; NetworkDsl installs a stack-core backed one through
 * [LabContext.simulation].
 *
 * ```kotlin
 * lab.simulation.runUntil(1.s.nanos)
 * ```
 */
interface Simulation {
    /** Virtual time now, nanoseconds since the lab started: `VDuration(lab.simulation.nowNanos)`. */
    val nowNanos: Long

    /** Runs every event scheduled at or before [nanos], then sets the clock to exactly [nanos]: `sim.runUntil(1_000_000_000)`. */
    fun runUntil(nanos: Long)

    /** Runs the next scheduled event (advancing the clock to it); false = nothing scheduled: `while (sim.runNext()) { }`. */
    fun runNext(): Boolean

    /**
     * Time of the next scheduled event, or null when none or unknown. `eventually` uses it not
     * to step past its deadline; a simulation that returns null may overshoot by one event: `sim.nextEventNanos()`.
     */
    fun nextEventNanos(): Long? = null
}

/** A bare clock: nothing is ever scheduled; the clock of a lab without a network: `ClockOnlySimulation().runUntil(5)`. */
class ClockOnlySimulation : Simulation {
    override var nowNanos: Long = 0
        private set

    override fun runUntil(nanos: Long) {
        require(nanos >= nowNanos) { "cannot run back from ${VDuration(nowNanos)} to ${VDuration(nanos)}" }
        nowNanos = nanos
    }

    override fun runNext() = false
}
