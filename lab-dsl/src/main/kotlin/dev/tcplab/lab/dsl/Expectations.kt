package dev.tcplab.lab.dsl

/*
 * Assertions for lab scripts. Each failure throws ExpectationFailed with expected and actual
 * rendered, the virtual time of the current lab and the script line.
 */

/** Durations compared with `shouldBeAbout` without a tolerance may differ by this much. */
val DEFAULT_TIME_TOLERANCE: VDuration = VDuration(1_000_000) // 1 ms: wire delays are whole ms in labs

/** Numbers compared with `shouldBeAbout` without a tolerance may differ by this fraction of the expected value. */
const val DEFAULT_RELATIVE_TOLERANCE: Double = 1e-6

/** Counts an expectation for the current check: a check that makes none passes whatever happens, and is warned about. */
internal fun expectationMade() {
    LabContext.current()?.expectationMade()
}

fun fail(expected: Any?, actual: Any?, description: String): Nothing {
    val context = LabContext.current()
    throw ExpectationFailed(
        expected?.let(::render), actual?.let(::render), description,
        context?.simulation?.nowNanos ?: -1, ScriptFrames.here(context),
    )
}

/** How values appear in messages: strings quoted, durations with units, lists element by element. */
fun render(value: Any?): String = when (value) {
    null -> "null"
    is String -> "\"$value\""
    is Char -> "'$value'"
    is Iterable<*> -> value.joinToString(", ", "[", "]") { render(it) }
    is Array<*> -> value.joinToString(", ", "[", "]") { render(it) }
    else -> value.toString()
}

infix fun <T> T.shouldBe(expected: T) {
    expectationMade()
    if (this != expected) fail(expected, this, "expected ${render(expected)} but was ${render(this)}")
}

infix fun <T> T.shouldNotBe(unexpected: T) {
    expectationMade()
    if (this == unexpected) fail(unexpected, this, "expected anything but ${render(unexpected)}")
}

fun Number.shouldBeAbout(expected: Number, tolerance: Number) {
    expectationMade()
    val diff = Math.abs(toDouble() - expected.toDouble())
    if (!(diff <= tolerance.toDouble())) {
        fail(expected, this, "expected ${render(expected)} ± ${render(tolerance)} but was ${render(this)}")
    }
}

infix fun Number.shouldBeAbout(expected: Number) =
    shouldBeAbout(expected, Math.abs(expected.toDouble()) * DEFAULT_RELATIVE_TOLERANCE)

fun VDuration.shouldBeAbout(expected: VDuration, tolerance: VDuration) {
    expectationMade()
    if (Math.abs(nanos - expected.nanos) > tolerance.nanos) {
        fail(expected, this, "expected $expected ± $tolerance but was $this")
    }
}

infix fun VDuration.shouldBeAbout(expected: VDuration) = shouldBeAbout(expected, DEFAULT_TIME_TOLERANCE)

/** Same length, and each element within [tolerance] of its counterpart. */
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

@JvmName("durationsShouldBeAbout")
infix fun List<VDuration>.shouldBeAbout(expected: List<VDuration>) = shouldBeAbout(expected, DEFAULT_TIME_TOLERANCE)

/** [expected] appears in this sequence in that order, other elements may come between (a subsequence). */
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

infix fun <T : Comparable<T>> T.shouldBeIn(range: ClosedRange<T>) {
    expectationMade()
    if (this !in range) fail(range, this, "expected a value in ${range.start}..${range.endInclusive} but was ${render(this)}")
}

infix fun <T> T.shouldBeIn(values: Collection<T>) {
    expectationMade()
    if (this !in values) fail(values, this, "expected one of ${render(values)} but was ${render(this)}")
}

/** A free-form expectation: `expectThat(queue.size < 8) { "the accept queue overflowed" }`. */
fun expectThat(condition: Boolean, message: () -> String) {
    expectationMade()
    if (!condition) fail(null, null, message())
}
