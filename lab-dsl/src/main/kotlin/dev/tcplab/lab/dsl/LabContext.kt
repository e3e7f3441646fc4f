package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.CheckResult
import dev.tcplab.lab.result.LabTrace
import dev.tcplab.lab.result.Outcome
import dev.tcplab.lab.result.SourceLocation
import java.util.Collections

/**
 * The engine-side state of one running lab: its identity and seed, the simulation the script
 * directs, the checks recorded so far. One per lab, confined to the lab's thread (the engine
 * reads results from another thread only after the lab ended or was stopped). Scripts reach it
 * as `lab`.
 *
 * Hook for NetworkDsl: on the first host/link declaration, create the stack-core world from
 * [seed], install its clock once with `lab.simulation = world` and set `lab.traceProvider`;
 * keep the world in [attachment] so later declarations find it.
 *
 * ```kotlin
 * val world = lab.attachment(KEY) { World(lab.seed) } // one per lab, created on first use
 * ```
 *
 * @property submission the run's submission (empty when it has none)
 */
class LabContext(
    /** File name without `.lab.kts`: `"tour"` for `labs/15-tour/tour.lab.kts` (what `--lab` and `-Dlab` select). */
    val id: String,
    /** The script path as given to the run; used in messages and [SourceLocation]s: `labs/15-tour/tour.lab.kts`. */
    val scriptName: String,
    /** The bare file name, as compiled scripts report it in stack frames: `tour.lab.kts`. */
    val scriptFileName: String,
    /** The run's seed (`--seed`), overriding the script's own; null = the script's or [DEFAULT_SEED]. */
    private val runSeed: Long?,
    /** Only checks whose name contains this run; null = all. */
    private val onlyCheck: String?,
    val submission: Submission,
    private val onCheck: (CheckResult) -> Unit = {},
) {
    /** The lab's title, as the script's `title = ...` sets it; the lab id until then: `lab.title`. */
    var title: String = id

    private var scriptSeed: Long? = null

    /** The effective seed: the run's, else the script's, else [DEFAULT_SEED]: `lab.seed`. */
    var seed: Long
        get() = runSeed ?: scriptSeed ?: DEFAULT_SEED
        set(value) { scriptSeed = value }

    private var installed: Simulation? = null
    private val clockOnly = ClockOnlySimulation()

    /**
     * The clock `at`/`eventually` drive. [ClockOnlySimulation] until a network installs its own;
     * may be set once, and only while virtual time is still 0.
     *
     * ```kotlin
     * lab.simulation = world // NetworkDsl, on the first host(...)
     * ```
     */
    var simulation: Simulation
        get() = installed ?: clockOnly
        set(value) {
            check(installed == null) { "the lab's simulation is already set" }
            check(clockOnly.nowNanos == 0L) { "a simulation must be installed before virtual time moves (now ${VDuration(clockOnly.nowNanos)})" }
            installed = value
        }

    private var networkTrace: (() -> LabTrace)? = null

    /**
     * Fills LabResult.trace after the lab ran (also after it failed): the network's trace, as a
     * network extension sets it (empty without one), carrying the script's [warnings] - the
     * trace is what reaches every report and the grading stream.
     *
     * ```kotlin
     * lab.traceProvider = { KernelTrace.export(world) } // as World.of does
     * ```
     */
    var traceProvider: (() -> LabTrace)?
        get() = { (networkTrace?.invoke() ?: LabTrace.EMPTY).withWarnings(warnings()) }
        set(value) {
            networkTrace = value
        }

    private val warningList: MutableList<String> = Collections.synchronizedList(ArrayList())

    /** What the script may have got wrong without breaking a rule: shown with the lab, never failing it: `lab.warnings()`. */
    fun warnings(): List<String> = synchronized(warningList) { ArrayList(warningList) }

    /** Records a warning about the script, shown with the lab and never failing it: `lab.warn("the link has no delay")`. */
    fun warn(message: String) {
        if (!closed) warningList.add(message)
    }

    /** The script's text, for [CheckSource]; null when it cannot be read. */
    private val scriptText: String? by lazy {
        try {
            java.nio.file.Files.readString(java.nio.file.Path.of(scriptName))
        } catch (e: Exception) {
            null
        }
    }

    /** Expectations evaluated so far (shouldBe, expectThat, ...): a check that makes none is warned about. */
    internal var expectationsMade = 0L

    internal fun expectationMade() {
        expectationsMade++
    }

    /** Check names so far and where each was declared: a name identifies a check in reports and grades. */
    private val checkNames = HashMap<String, SourceLocation?>()

    /** The script's body ran to its end (not called when it threw): warnings about the lab as a whole, e.g. a lab without checks. Called by the engine: `lab.bodyFinished()`. */
    fun bodyFinished() {
        if (checkNames.isEmpty()) warn("the lab declares no checks: it passes whatever happens (add check(\"...\") { ... })")
    }

    private val attachments = HashMap<Any, Any>()

    /** Per-lab state owned by a DSL extension (e.g. NetworkDsl's world), created on first use: `lab.attachment(KEY) { World(lab) }`. */
    @Suppress("UNCHECKED_CAST")
    fun <T : Any> attachment(key: Any, create: () -> T): T = attachments.getOrPut(key, create) as T

    private val checks: MutableList<CheckResult> = Collections.synchronizedList(ArrayList())

    private val endActions = ArrayList<() -> Unit>()

    /**
     * Registers [action] to run when the lab ends - passed, failed, errored, skipped or stopped
     * at its time limit - e.g. removing a namespace the lab created. Actions run newest first.
     *
     * ```kotlin
     * lab.onEnd { kernel.close() } // as linuxHost does
     * ```
     */
    fun onEnd(action: () -> Unit) {
        synchronized(endActions) { endActions.add(action) }
    }

    /**
     * Called by the engine once the lab's thread ended (or was stopped): runs every [onEnd]
     * action, newest first, each even if another failed. Returns the failures' messages: `val problems = lab.runEndActions()`.
     */
    fun runEndActions(): List<String> {
        val actions = synchronized(endActions) { endActions.toList().also { endActions.clear() } }
        val problems = ArrayList<String>()
        for (a in actions.asReversed()) {
            try {
                a()
            } catch (e: Exception) {
                problems.add(e.message ?: e.javaClass.name)
            }
        }
        return problems
    }

    @Volatile
    private var closed = false

    /** The checks recorded so far, a copy: `lab.checks().count { it.outcome() == Outcome.PASSED }`. */
    fun checks(): List<CheckResult> = synchronized(checks) { ArrayList(checks) }

    /** Called by the engine when the lab is stopped: a thread it could not stop records nothing more: `lab.close()`. */
    fun close() {
        closed = true
    }

    /** Runs one check now, recording PASSED / FAILED / ERROR / SKIPPED; what `check(...)` calls. Errors of the JVM itself (out of memory) end the lab: `lab.runCheck("x", null, 1.0, false) { now shouldBe 0.s }`. */
    fun runCheck(name: String, step: String?, points: Double, hidden: Boolean, block: CheckScope.() -> Unit) {
        val declared = ScriptFrames.here(this)
        if (checkNames.containsKey(name)) {
            val first = checkNames[name]?.let { " (the first is at line ${it.line})" } ?: ""
            throw LabScriptError("two checks named \"$name\"$first: a check's name identifies it in reports and grades")
        }
        checkNames[name] = declared
        if (onlyCheck != null && !name.contains(onlyCheck)) {
            record(CheckResult(name, step, 0.0, points, hidden, Outcome.SKIPPED, "not selected by --only $onlyCheck", -1, declared))
            return
        }
        val before = expectationsMade
        val result = try {
            CheckBody(this, name).block()
            if (expectationsMade == before && !CheckSource.mayExpect(scriptText, declared?.line)) {
                warn("check \"$name\"${declared?.let { " ($it)" } ?: ""} makes no expectation: it passes whatever " +
                    "happens (use shouldBe, shouldBeAbout, expectThat, ...)")
            }
            CheckResult(name, step, points, points, hidden, Outcome.PASSED, null, simulation.nowNanos, declared)
        } catch (e: LabSkipped) {
            throw e // the whole lab skips, not just this check
        } catch (e: ExpectationFailed) {
            CheckResult(name, step, 0.0, points, hidden, Outcome.FAILED, e.message, e.virtualNanos, e.location ?: declared)
        } catch (e: Exception) {
            error(name, step, points, hidden, e, declared)
        } catch (e: AssertionError) {
            error(name, step, points, hidden, e, declared)
        } catch (e: StackOverflowError) {
            error(name, step, points, hidden, e, declared)
        }
        record(result)
    }

    private fun error(name: String, step: String?, points: Double, hidden: Boolean, e: Throwable, declared: SourceLocation?) =
        CheckResult(name, step, 0.0, points, hidden, Outcome.ERROR, ScriptFrames.describe(e, this), simulation.nowNanos,
            ScriptFrames.of(e, this) ?: declared)

    private fun record(result: CheckResult) {
        if (closed) return
        checks.add(result)
        onCheck(result)
    }

    /** The lab bound to the current thread. */
    companion object {
        /** The seed of a lab that sets none and is run without `--seed`. */
        const val DEFAULT_SEED: Long = 1

        private val CURRENT = ThreadLocal<LabContext?>()

        /** The lab running on this thread, null outside a lab: `LabContext.current()?.seed`. */
        @JvmStatic
        fun current(): LabContext? = CURRENT.get()

        /** Runs [body] with this thread bound to [context], as the engine runs a lab's body: `LabContext.bind(lab) { script.run() }`. */
        @JvmStatic
        fun <T> bind(context: LabContext, body: () -> T): T {
            val previous = CURRENT.get()
            CURRENT.set(context)
            try {
                return body()
            } finally {
                CURRENT.set(previous)
            }
        }
    }
}
