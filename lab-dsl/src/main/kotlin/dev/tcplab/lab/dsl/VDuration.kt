package dev.tcplab.lab.dsl

/**
 * A span or point of virtual time, in nanoseconds. Virtual time starts at 0 when a lab starts;
 * `at(1.5.s)` means 1.5 s after that. Typed so that `10.ms` cannot be mixed up with a count.
 */
@JvmInline
value class VDuration(val nanos: Long) : Comparable<VDuration> {
    operator fun plus(other: VDuration) = VDuration(Math.addExact(nanos, other.nanos))
    operator fun minus(other: VDuration) = VDuration(Math.subtractExact(nanos, other.nanos))
    operator fun times(factor: Int) = VDuration(Math.multiplyExact(nanos, factor.toLong()))
    operator fun times(factor: Double) = VDuration(Math.round(nanos * requireFinite(factor, "times")))
    operator fun div(divisor: Int) = VDuration(nanos / divisor)
    operator fun div(other: VDuration): Double = nanos.toDouble() / other.nanos
    operator fun unaryMinus() = VDuration(-nanos)
    override fun compareTo(other: VDuration) = nanos.compareTo(other.nanos)

    val seconds: Double get() = nanos / 1e9
    val millis: Double get() = nanos / 1e6

    /** Largest unit that keeps the value readable: `1.5 s`, `10 ms`, `200 us`, `7 ns`. */
    override fun toString(): String = format(nanos)

    companion object {
        val ZERO = VDuration(0)

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

val Int.ns get() = VDuration(toLong())
val Int.us get() = VDuration(toLong() * 1_000L)
val Int.ms get() = VDuration(toLong() * 1_000_000L)
val Int.s get() = VDuration(toLong() * 1_000_000_000L)
val Long.ns get() = VDuration(this)
val Long.us get() = VDuration(this * 1_000L)
val Long.ms get() = VDuration(this * 1_000_000L)
val Long.s get() = VDuration(this * 1_000_000_000L)
val Double.us get() = VDuration(Math.round(requireFinite(this, "us") * 1e3))
val Double.ms get() = VDuration(Math.round(requireFinite(this, "ms") * 1e6))
val Double.s get() = VDuration(Math.round(requireFinite(this, "s") * 1e9))

operator fun Int.times(d: VDuration) = d * this
operator fun Double.times(d: VDuration) = d * this
