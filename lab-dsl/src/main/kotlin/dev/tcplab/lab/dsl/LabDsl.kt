package dev.tcplab.lab.dsl

/**
 * Keeps DSL scopes apart (a Kotlin `@DslMarker`): inside `check { }` the lab's own `check`/`step`/`title`
 * are not reachable, and inside `host(...) { }` or `link(...) { }` only that block's settings are.
 *
 * ```kotlin
 * check("x") { title = "y" } // does not compile: title belongs to the lab, not the check
 * ```
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
annotation class LabDsl

/**
 * What every block of a lab script can reach: the virtual clock and the submission.
 * Extensions that checks need too (NetworkDsl's `wire`, `trace`) belong on this type.
 *
 * ```kotlin
 * at(1.s) { println("virtual time is $now, seed $seed") }
 * ```
 */
@LabDsl
interface ScriptScope {
    /** The engine-side state of this lab; NetworkDsl hangs its world here (`lab.attachment(key) { ... }`). */
    val lab: LabContext

    /**
     * Virtual time now: 0 when the lab starts, moved only by `at`, `after`, `runUntil` and `eventually`.
     *
     * ```kotlin
     * at(2.s) { now shouldBe 2.s }
     * ```
     */
    val now: VDuration

    /** The lab's effective seed (the run's `--seed` if given, else the lab's own, else 1): the one number that fixes every random choice (ISNs, ports, loss). */
    val seed: Long

    /**
     * The student's submission (fails with a clear message, or skips an exercise, when the run has none).
     *
     * ```kotlin
     * check("answer", hidden = true) { submission.answer("q1") shouldBe "SYN" }
     * ```
     */
    val submission: Submission

    /**
     * Advances the simulation to [time] - virtual time since the lab started, which must not be in the
     * past - running every event before it, then runs [block] and returns what it returns.
     *
     * ```kotlin
     * val conn = at(100.ms) { client.connect(server, 80) }
     * at(3.s) { conn.state shouldBe TCP_ESTABLISHED }
     * ```
     */
    fun <T> at(time: VDuration, block: () -> T): T

    /**
     * `at(now + delay, block)`: [delay] (not negative) after the current virtual time.
     *
     * ```kotlin
     * at(1.s) { conn.close() }
 * after(61.s) { client.counter("TcpExtTW") shouldBe 1L } // TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN)
     * ```
     */
    fun <T> after(delay: VDuration, block: () -> T): T

    /**
     * Advances the simulation to [time], running every event before it (an `at` without a block).
     *
     * ```kotlin
     * runUntil(9.s)
     * wire.from(client).syns().size shouldBe 7 // SYNs at 0, 1, 2, 3, 4, 5 and 7 s (lab 06)
     * ```
     */
    fun runUntil(time: VDuration)

    /**
     * Steps the simulation event by event until [block] passes without a failed expectation,
     * at most until now + [within]; then fails with the last failure. The clock stays where the
     * block first passed, so later checks start from there.
     *
     * ```kotlin
     * eventually(within = 5.s) { conn.state shouldBe TCP_ESTABLISHED }
     * ```
     */
    fun eventually(within: VDuration, block: () -> Unit)
}

/**
 * The receiver of a lab script's body: declares the lab's title and seed, its network
 * (`host`, `link`, `lan`) and its checks, grouped in steps.
 *
 * ```kotlin
 * title = "Three-way handshake"
 * val client = host("client", "192.0.2.1")
 * check("starts at zero") { now shouldBe 0.s }
 * ```
 */
@LabDsl
interface LabScope : ScriptScope {
    /** Shown in reports and on the console; defaults to the lab id (file name without .lab.kts): `title = "The accept queue"`. */
    var title: String

    /**
     * The lab's seed. The script may set its own (`seed = 42`); a seed given to the run
     * (`--seed`) wins, and then reading it returns the run's. Set it before declaring a network.
     *
     * ```kotlin
     * seed = 42
     * ```
     */
    override var seed: Long

    /**
     * A named, graded check; its block runs now, at the current virtual time, and its expectations
     * decide it: PASSED, FAILED (an expectation did not hold) or ERROR (anything else threw; later
     * checks still run). [name] identifies it in reports and grades (two checks may not share it);
     * [points] is its weight; a [hidden] check counts for the grade but is shown to students only once
     * grades are published (Gradescope visibility).
     *
     * ```kotlin
     * check("the SYN-ACK comes back after one RTT", points = 2.5) {
     *     wire.synAcks().times() shouldBeAbout listOf(10.ms)
     * }
     * ```
     */
    fun check(name: String, points: Double = 1.0, hidden: Boolean = false, block: CheckScope.() -> Unit)

    /**
     * The same with whole points.
     *
     * ```kotlin
     * check("the client is connected", points = 2) { conn.state shouldBe TCP_ESTABLISHED }
     * ```
     */
    fun check(name: String, points: Int, hidden: Boolean = false, block: CheckScope.() -> Unit) =
        check(name, points.toDouble(), hidden, block)

    /**
     * Groups checks under a name shown in reports (`step / check`); steps may nest.
     *
     * ```kotlin
     * step("A full queue drops SYNs silently") {
     *     check("no SYN-ACK") { wire.synAcks().to(clients[2]).size shouldBe 0 }
     * }
     * ```
     */
    fun step(name: String, block: LabScope.() -> Unit)
}

/**
 * The receiver inside `check { }`: the clock and everything readable (`wire`, `trace`, hosts'
 * sockets and counters), but no new checks or steps.
 *
 * ```kotlin
 * check("one SYN") { checkName shouldBe "one SYN"; wire.syns().size shouldBe 1 }
 * ```
 */
@LabDsl
interface CheckScope : ScriptScope {
    /** The check's name, as given to `check(name)`: `println("running $checkName")`. */
    val checkName: String

    /**
     * Not callable: a check cannot contain checks (a compile error that says so). Without it, a nested
     * `check("x") { }` would resolve to Kotlin's `check(Boolean)` and confuse.
     *
     * ```kotlin
     * step("part 1") { check("a") { }; check("b") { } } // instead of nesting checks
     * ```
     */
    @Deprecated("a check cannot contain checks: close this one first, or group checks with step(...)",
        level = DeprecationLevel.ERROR)
    fun check(name: String, points: Double = 1.0, hidden: Boolean = false, block: CheckScope.() -> Unit): Unit =
        throw LabScriptError("a check cannot contain checks")

    /**
     * Not callable: steps group checks and cannot be inside one (a compile error that says so).
     *
     * ```kotlin
     * step("part 1") { check("a") { } } // a step holds checks, not the other way round
     * ```
     */
    @Deprecated("steps group checks and cannot be inside one", level = DeprecationLevel.ERROR)
    fun step(name: String, block: CheckScope.() -> Unit): Unit = throw LabScriptError("steps cannot be inside a check")
}

/**
 * Loads the student's implementation of [T] from [file] in the submission folder: the file's last
 * expression must be an object implementing [T]. In grading it runs in a sandboxed process and
 * calls cross as plain data.
 *
 * ```kotlin
 * import dev.tcplab.stack.tcp.Tcp
 * val generator = implementation<Tcp.IsnHook>("isn.kts") // lab 14
 * ```
 */
inline fun <reified T : Any> ScriptScope.implementation(file: String): T = submission.load(file)
