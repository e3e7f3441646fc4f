package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.SourceLocation

/**
 * A lab expectation that did not hold: what was expected, what happened, at which virtual
 * time and where in the script. An [AssertionError], so `catch (e: Exception)` in a script
 * does not swallow it by accident. The assertions (`shouldBe`, [fail], ...) throw it; the check
 * is then FAILED with its message.
 *
 * ```kotlin
 * try { 3 shouldBe 4 } catch (e: ExpectationFailed) { e.description shouldBe "expected 4 but was 3" }
 * ```
 */
class ExpectationFailed(
    /** What the expectation wanted, rendered; null for free-form `expectThat` failures: `"\"SA\""` for `shouldBe "SA"`. */
    val expected: String?,
    /** What was found, rendered; null for free-form failures: `"3"`. */
    val actual: String?,
    /** The first line of the verdict, e.g. `expected 3 but was 4`. */
    val description: String,
    /** Virtual time of the verdict in nanoseconds, -1 when outside a lab: `VDuration(e.virtualNanos)`. */
    val virtualNanos: Long,
    /** Script line of the failing expectation, null when none is on the stack: `tour.lab.kts:42`. */
    val location: SourceLocation?,
) : AssertionError(compose(description, virtualNanos, location)) {
    private companion object {
        fun compose(description: String, virtualNanos: Long, location: SourceLocation?): String {
            val time = if (virtualNanos >= 0) " at ${VDuration(virtualNanos)}" else ""
            val where = if (location != null) " ($location)" else ""
            return description + time + where
        }
    }
}

/**
 * A mistake in the lab script itself (time running backwards, a port outside 0..65535, a missing
 * submission...): the check or lab errors, with the message at the script's line.
 *
 * ```kotlin
 * if (clients.isEmpty()) throw LabScriptError("declare at least one client")
 * ```
 */
class LabScriptError(message: String) : IllegalStateException(message)
