package dev.tcplab.lab.dsl

/*
 * Assertions for lab scripts. Each failure throws ExpectationFailed with expected and actual
 * rendered, the virtual time of the current lab and the script line.
 */

/**
 * Durations compared with `shouldBeAbout` without a tolerance may differ by this much (1 ms).
 *
 * ```kotlin
 * conn.connectedAt!! shouldBeAbout 20.ms // passes for 19..21 ms
 * ```
 */
val DEFAULT_TIME_TOLERANCE: VDuration = VDuration(1_000_000) // 1 ms: wire delays are whole ms in labs

/** Numbers compared with `shouldBeAbout` without a tolerance may differ by this fraction of the expected value: `0.3 shouldBeAbout 0.1 + 0.2`. */
const val DEFAULT_RELATIVE_TOLERANCE: Double = 1e-6

/** Counts an expectation for the current check: a check that makes none passes whatever happens, and is warned about. */
internal fun expectationMade() {
    LabContext.current()?.expectationMade()
}

/**
 * Fails the current check now: FAILED with [description], the rendered [expected] and [actual]
 * (null for none), the virtual time and the script line. For verdicts the other assertions
 * cannot express.
 *
 * ```kotlin
 * val row = server.ss.firstOrNull { it.state() == TCP_LISTEN } ?: fail("a LISTEN row", null, "no listener in ss")
 * ```
 */
fun fail(expected: Any?, actual: Any?, description: String): Nothing {
    val context = LabContext.current()
    throw ExpectationFailed(
        expected?.let(::render), actual?.let(::render), description,
        context?.simulation?.nowNanos ?: -1, ScriptFrames.here(context),
    )
}

/** How values appear in messages: strings quoted, durations with units, lists element by element: `render(listOf("S", 1.s)) == "[\"S\", 1 s]"`. */
fun render(value: Any?): String = when (value) {
    null -> "null"
    is String -> "\"$value\""
    is Char -> "'$value'"
    is Iterable<*> -> value.joinToString(", ", "[", "]") { render(it) }
    is Array<*> -> value.joinToString(", ", "[", "]") { render(it) }
    else -> value.toString()
}

/**
 * Expects this to equal [expected] (`==`); else the check FAILS with `expected X but was Y at <time> (<file>:<line>)`.
 *
 * ```kotlin
 * conn.state shouldBe TCP_ESTABLISHED
 * server.counter("TcpExtListenOverflows") shouldBe 14L // a counter is a Long: write 14L
 * ```
 */
infix fun <T> T.shouldBe(expected: T) {
    expectationMade()
    if (this != expected) fail(expected, this, "expected ${render(expected)} but was ${render(this)}")
}

/**
 * Expects this to differ from [unexpected].
 *
 * ```kotlin
 * conn.errno shouldNotBe ECONNREFUSED
 * ```
 */
infix fun <T> T.shouldNotBe(unexpected: T) {
    expectationMade()
    if (this == unexpected) fail(unexpected, this, "expected anything but ${render(unexpected)}")
}

/**
 * Expects this number within [tolerance] of [expected] (inclusive).
 *
 * ```kotlin
 * (retrans.toDouble() / sent).shouldBeAbout(0.1, 0.05)
 * ```
 */
fun Number.shouldBeAbout(expected: Number, tolerance: Number) {
    expectationMade()
    val diff = Math.abs(toDouble() - expected.toDouble())
    if (!(diff <= tolerance.toDouble())) {
        fail(expected, this, "expected ${render(expected)} ± ${render(tolerance)} but was ${render(this)}")
    }
}

/**
 * Expects this number within a millionth of [expected] ([DEFAULT_RELATIVE_TOLERANCE]): for results of floating-point arithmetic.
 *
 * ```kotlin
 * 1500.ms.seconds shouldBeAbout 1.5
 * ```
 */
infix fun Number.shouldBeAbout(expected: Number) =
    shouldBeAbout(expected, Math.abs(expected.toDouble()) * DEFAULT_RELATIVE_TOLERANCE)

/**
 * Expects this duration within [tolerance] of [expected] (inclusive).
 *
 * ```kotlin
 * conn.connectedAt!!.shouldBeAbout(20.ms, 5.ms)
 * ```
 */
fun VDuration.shouldBeAbout(expected: VDuration, tolerance: VDuration) {
    expectationMade()
    if (Math.abs(nanos - expected.nanos) > tolerance.nanos) {
        fail(expected, this, "expected $expected ± $tolerance but was $this")
    }
}

/**
 * Expects this duration within 1 ms ([DEFAULT_TIME_TOLERANCE]) of [expected].
 *
 * ```kotlin
 * wire.synAcks().times().first() shouldBeAbout 10.ms
 * ```
 */
infix fun VDuration.shouldBeAbout(expected: VDuration) = shouldBeAbout(expected, DEFAULT_TIME_TOLERANCE)

/**
 * Same length, and each element within [tolerance] of its counterpart; a failure names the first element that differs.
 *
 * ```kotlin
 * wire.syns().times().shouldBeAbout(listOf(0.s, 1.s, 2.s), 10.ms)
 * ```
 */
@JvmName("durationsShouldBeAbout")
fun List<VDuration>.shouldBeAbout(expected: List<VDuration>, tolerance: VDuration) {
    expectationMade()
    val bad = if (size != expected.size) -1 else indices.firstOrNull { Math.abs(this[it].nanos - expected[it].nanos) > tolerance.nanos }
    when {
        size != expected.size ->
            fail(expected, this, "expected ${expected.size} times ${render(expected)} ± $tolerance but got $size: ${render(this)}")
        bad != null ->
            fail(expected, this, "expected ${render(expected)} ± $tolerance but was ${render(this)} (element $bad: ${this[bad]} instead of ${expected[bad]})")
    }
}

/**
 * Same length, and each element within 1 ms of its counterpart: a retransmission schedule.
 *
 * ```kotlin
 * wire.from(client).syns().times() shouldBeAbout listOf(0.s, 1.s, 2.s, 3.s) // 6.18: tcp_syn_linear_timeouts RTOs of 1 s
 * ```
 */
@JvmName("durationsShouldBeAbout")
infix fun List<VDuration>.shouldBeAbout(expected: List<VDuration>) = shouldBeAbout(expected, DEFAULT_TIME_TOLERANCE)

/**
 * [expected] appears in this sequence in that order, other elements may come between (a subsequence).
 *
 * ```kotlin
 * trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request", "tcp_v4_send_synack")
 * ```
 */
infix fun <T> Iterable<T>.shouldContainInOrder(expected: List<T>) {
    expectationMade()
    var matched = 0
    for (element in this) {
        if (matched < expected.size && element == expected[matched]) matched++
    }
    if (matched < expected.size) {
        fail(expected, toList(),
            "expected ${render(expected)} in this order but ${render(expected[matched])} " +
                (if (matched > 0) "did not follow ${render(expected[matched - 1])}" else "never came") +
                " in ${render(toList())}")
    }
}

/**
 * Expects this value in [range] (both ends included).
 *
 * ```kotlin
 * conn.localPort shouldBeIn 32768..60999 // net.ipv4.ip_local_port_range
 * ```
 */
infix fun <T : Comparable<T>> T.shouldBeIn(range: ClosedRange<T>) {
    expectationMade()
    if (this !in range) fail(range, this, "expected a value in ${range.start}..${range.endInclusive} but was ${render(this)}")
}

/**
 * Expects this value to be one of [values].
 *
 * ```kotlin
 * conn.errno shouldBeIn listOf(ETIMEDOUT, ECONNREFUSED)
 * ```
 */
infix fun <T> T.shouldBeIn(values: Collection<T>) {
    expectationMade()
    if (this !in values) fail(values, this, "expected one of ${render(values)} but was ${render(this)}")
}

/**
 * A free-form expectation: fails with [message] when [condition] is false.
 *
 * ```kotlin
 * expectThat(listener.acceptQueue.size <= listener.backlog + 1) { "the accept queue overflowed" }
 * ```
 */
fun expectThat(condition: Boolean, message: () -> String) {
    expectationMade()
    if (!condition) fail(null, null, message())
}
