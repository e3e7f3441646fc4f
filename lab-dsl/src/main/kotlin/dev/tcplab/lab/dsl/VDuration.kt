package dev.tcplab.lab.dsl

/**
 * A span or point of virtual time, in nanoseconds. Virtual time starts at 0 when a lab starts;
 * `at(1.5.s)` means 1.5 s after that. Typed so that `10.ms` cannot be mixed up with a count.
 * Arithmetic is exact (an overflow throws) and durations compare as numbers.
 *
 * ```kotlin
 * val rto = 1.s
 * at(rto + 500.ms) { wire.syns().times() shouldBeAbout listOf(0.s, 1.s) }
 * ```
 *
 * @property nanos the value in nanoseconds (`1.ms.nanos == 1_000_000L`)
 */
@JvmInline
value class VDuration(val nanos: Long) : Comparable<VDuration> {
    /** The sum: `1.s + 500.ms` is 1.5 s. */
    operator fun plus(other: VDuration) = VDuration(Math.addExact(nanos, other.nanos))
    /** The difference: `connectedAt - 0.s`; a negative result is allowed here (but not as a delay). */
    operator fun minus(other: VDuration) = VDuration(Math.subtractExact(nanos, other.nanos))
    /** Scaled by a whole number: `10.ms * 3` is 30 ms. */
    operator fun times(factor: Int) = VDuration(Math.multiplyExact(nanos, factor.toLong()))
    /** Scaled by a factor, rounded to the nanosecond: `1.s * 1.5` is 1.5 s (NaN and infinity are errors). */
    operator fun times(factor: Double) = VDuration(Math.round(nanos * requireFinite(factor, "times")))
    /** Divided by a whole number, rounded toward zero: `1.s / 4` is 250 ms. */
    operator fun div(divisor: Int) = VDuration(nanos / divisor)
    /** The ratio of two durations: `3.s / 1.s` is 3.0 (e.g. how many RTOs fit). */
    operator fun div(other: VDuration): Double = nanos.toDouble() / other.nanos
    /** The negation: `-(5.ms)`; only differences may be negative, a delay may not. */
    operator fun unaryMinus() = VDuration(-nanos)
    /** Compares as time: `999.ms < 1.s`. */
    override fun compareTo(other: VDuration) = nanos.compareTo(other.nanos)

    /** The value in seconds: `1500.ms.seconds == 1.5`. */
    val seconds: Double get() = nanos / 1e9
    /** The value in milliseconds: `1.5.s.millis == 1500.0`. */
    val millis: Double get() = nanos / 1e6

    /**
     * Largest unit that keeps the value readable: `1.5 s`, `10 ms`, `200 us`, `7 ns`.
     *
     * ```kotlin
     * (10.ms + 200.us).toString() // "10.2 ms"
     * ```
     */
    override fun toString(): String = format(nanos)

    /** The zero duration and the formatter, shared by reports. */
    companion object {
        /** No time: `VDuration.ZERO`, the start of every lab. */
        val ZERO = VDuration(0)

        /** [nanos] in the largest readable unit, as [toString] prints it: `VDuration.format(1_500_000) == "1.5 ms"`. */
        fun format(nanos: Long): String {
            val abs = Math.abs(nanos)
            return when {
                abs >= 1_000_000_000L -> trim(nanos / 1e9) + " s"
                abs >= 1_000_000L -> trim(nanos / 1e6) + " ms"
                abs >= 1_000L -> trim(nanos / 1e3) + " us"
                abs == 0L -> "0 s"
                else -> "$nanos ns"
            }
        }

        // up to 6 decimals, trailing zeros dropped; Locale.ROOT keeps output byte-identical everywhere
        private fun trim(v: Double): String =
            String.format(java.util.Locale.ROOT, "%.6f", v).trimEnd('0').trimEnd('.')
    }
}

/** Whole nanoseconds: `7.ns`. */
val Int.ns get() = VDuration(toLong())
/** Whole microseconds: `200.us`. */
val Int.us get() = VDuration(toLong() * 1_000L)
/**
 * Whole milliseconds, the unit of most lab delays.
 *
 * ```kotlin
 * link(client, server) { delay = 10.ms }
 * ```
 */
val Int.ms get() = VDuration(toLong() * 1_000_000L)
/**
 * Whole seconds, the unit of TCP's timers (1 s initial RTO, 60 s TIME_WAIT).
 *
 * ```kotlin
 * at(3.s) { conn.state shouldBe TCP_SYN_SENT }
 * ```
 */
val Int.s get() = VDuration(toLong() * 1_000_000_000L)
/** Nanoseconds from a Long: `timer.nanos.ns`. */
val Long.ns get() = VDuration(this)
/** Microseconds from a Long: `200L.us`. */
val Long.us get() = VDuration(this * 1_000L)
/** Milliseconds from a Long: `rttMillis.ms`. */
val Long.ms get() = VDuration(this * 1_000_000L)
/** Seconds from a Long: `60L.s`. */
val Long.s get() = VDuration(this * 1_000_000_000L)
/** Fractional microseconds, rounded to the nanosecond: `1.5.us`. */
val Double.us get() = VDuration(Math.round(requireFinite(this, "us") * 1e3))
/** Fractional milliseconds, rounded to the nanosecond: `0.5.ms` (NaN or infinity: an error at its line). */
val Double.ms get() = VDuration(Math.round(requireFinite(this, "ms") * 1e6))
/**
 * Fractional seconds, rounded to the nanosecond: `1.5.s` (NaN or infinity: an error at its line).
 *
 * ```kotlin
 * at(1.5.s) { wire.syns().size shouldBe 2 }
 * ```
 */
val Double.s get() = VDuration(Math.round(requireFinite(this, "s") * 1e9))

/** A duration times a whole number, written number first: `3 * 10.ms`. */
operator fun Int.times(d: VDuration) = d * this
/** A duration times a factor, written factor first: `1.5 * 1.s`. */
operator fun Double.times(d: VDuration) = d * this
