package dev.tcplab.lab.dsl

/*
 * The rules a lab's values follow. A broken rule is a LabScriptError whose message names the call
 * and the rule; the engine reports it at the script line that broke it (ScriptFrames), so a typo
 * such as `listen(65536)` or `delay = (-5).ms` stops the lab there instead of running something
 * else. Where Linux accepts a value and gives it a meaning (port 0, any backlog), the DSL does as
 * Linux does and says so where the parameter is documented.
 */

/** A TCP port is 16 bits on the wire (sin_port, th->source/dest). */
internal fun requirePort(port: Int, call: String): Int {
    if (port !in 0..65535) throw LabScriptError("$call: a port is 0..65535, not $port")
    return port
}

/** Delays, jitter and waits: time cannot run backwards. */
internal fun requireNotNegative(d: VDuration, call: String): VDuration {
    if (d.nanos < 0) throw LabScriptError("$call: a duration cannot be negative, not $d")
    return d
}

/** netem's probabilities and correlations are fractions 0..1 (not percent); NaN fails too. */
internal fun requireProbability(p: Double, call: String): Double {
    if (!(p >= 0.0 && p <= 1.0)) throw LabScriptError("$call: a probability is 0..1, not $p")
    return p
}

/** Counts of frames (first = N, nth = N, gap = N). */
internal fun requireAtLeast(n: Int, min: Int, call: String): Int {
    if (n < min) throw LabScriptError("$call: must be at least $min, not $n")
    return n
}

/** A Double that becomes a duration must be a finite number (Math.round would make NaN 0). */
internal fun requireFinite(v: Double, unit: String): Double {
    if (!v.isFinite()) throw LabScriptError("$v.$unit: a duration must be a finite number")
    return v
}
