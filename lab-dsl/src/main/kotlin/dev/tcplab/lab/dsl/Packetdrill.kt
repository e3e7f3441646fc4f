package dev.tcplab.lab.dsl

import dev.tcplab.stack.packetdrill.PacketdrillRunner

/**
 * How a packetdrill script played by [packetdrill] ended.
 *
 * ```kotlin
 * val run = packetdrill(script)
 * check("Linux's SYN-ACK options") { run.passed shouldBe true }
 * ```
 *
 * @property passed every system call returned what the script says and every packet matched
 * @property status `PASS`, `FAIL` (the model differs from the script), `UNSUPPORTED` (the script
 *   uses something the model lacks: TFO, IPv6, UDP, a Python block beyond `tcpi_*`) or `PARSE_ERROR`
 * @property line the script line where it stopped; 0 when it passed
 * @property message packetdrill's message at that line (`name:line: error handling packet: ...`); empty when it passed
 */
class PacketdrillOutcome internal constructor(
    val passed: Boolean,
    val status: String,
    val line: Int,
    val message: String,
) {
    /** `PASS name` or `FAIL name:line: ...`, for messages: `println(run)`. */
    override fun toString(): String = if (passed) "PASS" else "$status $message"
}

/**
 * Plays a packetdrill script (packetdrill's own language; what the model supports is in
 * docs/packetdrill.md) against a fresh model host in its own virtual time — apart from this lab's
 * network and clock, with the fixed seed packetdrill runs use — and returns how it ended. The
 * script's `../common/defaults.sh` line applies the corpus's default sysctls. [name] names the
 * script in messages.
 *
 * ```kotlin
 * val run = packetdrill("""
 *     `../common/defaults.sh`
 *     0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
 *     +0 bind(3, ..., ...) = 0
 *     +0 listen(3, 1) = 0
 *     +0 < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>
 *     +0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>
 * """.trimIndent())
 * check("the model answers as Linux does") { run.message shouldBe ""; run.passed shouldBe true }
 * ```
 */
fun ScriptScope.packetdrill(text: String, name: String = "inline.pkt"): PacketdrillOutcome {
    val r = PacketdrillRunner.run(name, text)
    return PacketdrillOutcome(r.passed(), r.status().name, r.line(), r.message())
}
