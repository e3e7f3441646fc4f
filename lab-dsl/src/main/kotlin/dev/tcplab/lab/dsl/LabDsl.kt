package dev.tcplab.lab.dsl

/** Keeps DSL scopes apart: inside `check { }` the lab's own `check`/`step`/`title` are not reachable. */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
annotation class LabDsl

/**
 * What every block of a lab script can reach: the virtual clock and the submission.
 * Extensions that checks need too (NetworkDsl's `wire`, `trace`) belong on this type.
 */
@LabDsl
interface ScriptScope {
    /** The engine-side state of this lab; NetworkDsl hangs its world here. */
    val lab: LabContext

    /** Virtual time now. */
    val now: VDuration

    /** The lab's effective seed (the run's if given, else the lab's own, else 1). */
    val seed: Long

    /** The student's submission (fails with a clear message when the run has none). */
    val submission: Submission

    /** Advances the simulation to [time] (which must not be in the past), then runs [block]. */
    fun <T> at(time: VDuration, block: () -> T): T

    /** `at(now + delay, block)`. */
    fun <T> after(delay: VDuration, block: () -> T): T

    /** Advances the simulation to [time], running every event before it. */
    fun runUntil(time: VDuration)

    /**
     * Steps the simulation event by event until [block] passes without a failed expectation,
     * at most until now + [within]; then fails with the last failure.
     */
    fun eventually(within: VDuration, block: () -> Unit)
}

/** The receiver of a lab script's body. */
@LabDsl
interface LabScope : ScriptScope {
    /** Shown in reports and on the console; defaults to the lab id (file name without .lab.kts). */
    var title: String

    /**
     * The lab's seed. The script may set its own (`seed = 42`); a seed given to the run
     * (`--seed`) wins, and then reading it returns the run's. Set it before declaring a network.
     */
    override var seed: Long

    /** A named, graded check; its block runs now, at the current virtual time. */
    fun check(name: String, points: Double = 1.0, hidden: Boolean = false, block: CheckScope.() -> Unit)

    /** The same with whole points: `check("x", points = 2) { }`. */
    fun check(name: String, points: Int, hidden: Boolean = false, block: CheckScope.() -> Unit) =
        check(name, points.toDouble(), hidden, block)

    /** Groups checks under a name shown in reports. */
    fun step(name: String, block: LabScope.() -> Unit)
}

/** The receiver inside `check { }`. */
@LabDsl
interface CheckScope : ScriptScope {
    /** The check's name. */
    val checkName: String

    /** Without this, a nested `check("x") { }` would resolve to kotlin's `check(Boolean)` and confuse. */
    @Deprecated("a check cannot contain checks: close this one first, or group checks with step(...)",
        level = DeprecationLevel.ERROR)
    fun check(name: String, points: Double = 1.0, hidden: Boolean = false, block: CheckScope.() -> Unit): Unit =
        throw LabScriptError("a check cannot contain checks")

    @Deprecated("steps group checks and cannot be inside one", level = DeprecationLevel.ERROR)
    fun step(name: String, block: CheckScope.() -> Unit): Unit = throw LabScriptError("steps cannot be inside a check")
}

/** Loads the student's implementation of [T] from [file] in the submission folder. */
inline fun <reified T : Any> ScriptScope.implementation(file: String): T = submission.load(file)
