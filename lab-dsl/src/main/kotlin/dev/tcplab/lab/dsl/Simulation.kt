package dev.tcplab.lab.dsl

/**
 * The clock a lab script directs. The script body runs top to bottom; `at`, `after`,
 * `runUntil` and `eventually` move this simulation forward. A lab that declares no network
 * runs on [ClockOnlySimulation]; NetworkDsl installs a stack-core backed one through
 * [LabContext.simulation].
 */
interface Simulation {
    /** Virtual time now, nanoseconds since the lab started. */
    val nowNanos: Long

    /** Runs every event scheduled at or before [nanos], then sets the clock to exactly [nanos]. */
    fun runUntil(nanos: Long)

    /** Runs the next scheduled event (advancing the clock to it); false = nothing scheduled. */
    fun runNext(): Boolean

    /**
     * Time of the next scheduled event, or null when none or unknown. `eventually` uses it not
     * to step past its deadline; a simulation that returns null may overshoot by one event.
     */
    fun nextEventNanos(): Long? = null
}

/** A bare clock: nothing is ever scheduled. */
class ClockOnlySimulation : Simulation {
    override var nowNanos: Long = 0
        private set

    override fun runUntil(nanos: Long) {
        require(nanos >= nowNanos) { "cannot run back from ${VDuration(nowNanos)} to ${VDuration(nanos)}" }
        nowNanos = nanos
    }

    override fun runNext() = false
}
