package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace
import dev.tcplab.lab.result.Outcome
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The DSL without the scripting host: units, assertions, the clock verbs, the simulation hook. */
class DslTest {
    private fun context(onlyCheck: String? = null) =
        LabContext("t", "labs/t.lab.kts", "t.lab.kts", null, onlyCheck, Submission(null) { _, _ -> error("no loader") })

    @Test
    fun unitsFormatAndComputeExactly() {
        assertEquals("1.5 s", 1.5.s.toString())
        assertEquals("10 ms", 10.ms.toString())
        assertEquals("200 us", 200.us.toString())
        assertEquals("0 s", VDuration.ZERO.toString())
        assertEquals(10_200_000L, (10.ms + 200.us).nanos)
        assertEquals(30.ms, 3 * 10.ms)
        assertTrue(999.ms < 1.s)
        assertEquals(250.ms, Submission.parseDuration("250ms"))
        assertEquals(1.5.s, Submission.parseDuration("1.5 s"))
    }

    @Test
    fun failuresSayExpectedAndActual() {
        val e = assertThrows<ExpectationFailed> { listOf("a", "c", "b").shouldContainInOrder(listOf("a", "b", "c")) }
        assertEquals("expected [\"a\", \"b\", \"c\"] in this order but \"c\" did not follow \"b\" in [\"a\", \"c\", \"b\"]", e.description)
        val d = assertThrows<ExpectationFailed> { listOf(10.ms, 1.2.s).shouldBeAbout(listOf(10.ms, 1.s), 50.ms) }
        assertEquals("expected [10 ms, 1 s] ± 50 ms but was [10 ms, 1.2 s] (element 1: 1.2 s instead of 1 s)", d.description)
        val n = assertThrows<ExpectationFailed> { 3.5 shouldBeIn 1.0..3.0 }
        assertEquals("3.5", n.actual)
        assertEquals(-1, n.virtualNanos) // outside a lab: no clock
        assertThrows<ExpectationFailed> { 0.31 shouldBeAbout 0.3 }
        0.3000000001 shouldBeAbout 0.3
    }

    @Test
    fun checksRecordTheirVerdictAndLaterChecksStillRun() {
        val lab = context()
        val body = LabBody(lab)
        LabContext.bind(lab) {
            body.check("fails at 2 s", points = 2) { at(2.s) { 1 shouldBe 2 } }
            body.check("throws") { error("boom") }
            body.check("goes back in time") { at(1.s) { } }
            body.check("passes") { now shouldBe 2.s }
        }
        val checks = lab.checks()
        assertEquals(listOf(Outcome.FAILED, Outcome.ERROR, Outcome.ERROR, Outcome.PASSED), checks.map { it.outcome() })
        assertEquals("expected 2 but was 1 at 2 s", checks[0].message())
        assertEquals(2_000_000_000L, checks[0].virtualTimeNanos())
        assertEquals(2.0, checks[0].maxPoints())
        assertTrue(checks[1].message().startsWith("IllegalStateException: boom"), checks[1].message())
        assertTrue(checks[2].message().contains("cannot go back to 1 s: virtual time is already 2 s"), checks[2].message())
    }

    @Test
    fun onlyRunsMatchingChecks() {
        val lab = context(onlyCheck = "two")
        var ran = 0
        LabBody(lab).apply {
            check("one") { ran++ }
            check("number two") { ran++ }
        }
        assertEquals(1, ran)
        assertEquals(listOf(Outcome.SKIPPED, Outcome.PASSED), lab.checks().map { it.outcome() })
    }

    /** A simulation that cannot tell its next event time: eventually must not accept a late success. */
    private class Blind(private val events: MutableList<Long>) : Simulation {
        override var nowNanos = 0L
        override fun runUntil(nanos: Long) { events.removeIf { it <= nanos }; nowNanos = nanos }
        override fun runNext(): Boolean = events.removeFirstOrNull()?.let { nowNanos = it; true } ?: false
    }

    @Test
    fun eventuallyFailsWhenTheConditionHoldsOnlyAfterTheDeadline() {
        val lab = context()
        lab.simulation = Blind(mutableListOf(500_000_000L, 3_000_000_000L))
        val body = LabBody(lab)
        val e = assertThrows<ExpectationFailed> { body.eventually(within = 1.s) { (body.now >= 2.s) shouldBe true } }
        assertEquals("held only after 1 s", e.description)
        body.eventually(within = 10.s) { (body.now >= 2.s) shouldBe true }
    }

    @Test
    fun theSimulationIsInstalledOnceBeforeTimeMoves() {
        val lab = context()
        assertTrue(lab.simulation is ClockOnlySimulation)
        assertEquals(LabTrace.EMPTY, lab.traceProvider!!()) // no network: an empty trace, to carry the warnings
        lab.warn("careful")
        assertEquals(listOf("careful"), lab.traceProvider!!().warnings())
        lab.simulation = ClockOnlySimulation()
        assertThrows<IllegalStateException> { lab.simulation = ClockOnlySimulation() }
        val late = context()
        LabBody(late).runUntil(1.ms)
        assertThrows<IllegalStateException> { late.simulation = ClockOnlySimulation() }
    }

    @Test
    fun seedsPreferTheRunsThenTheLabsThenOne() {
        val lab = context()
        assertEquals(1L, lab.seed)
        lab.seed = 42
        assertEquals(42L, lab.seed)
        val overridden = LabContext("t", "t", "t", 7L, null, Submission(null) { _, _ -> Unit })
        overridden.seed = 42
        assertEquals(7L, overridden.seed)
    }

    @Test
    fun aLabEmbedsAPacketdrillScriptAndChecksItsOutcome() {
        val script = """
            `../common/defaults.sh`
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>
            +0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>
        """.trimIndent()
        val lab = context()
        val body = LabBody(lab)
        LabContext.bind(lab) {
            val good = body.packetdrill(script, "synack.pkt")
            val bad = body.packetdrill(script.replace("wscale 8>", "wscale 9>"), "synack.pkt")
            val tfo = body.packetdrill(script.replace("+0 listen(3, 1) = 0",
                "+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN, [1], 4) = 0\n+0 listen(3, 1) = 0"))
            body.check("Linux's SYN-ACK") { good.passed shouldBe true }
            body.check("a wrong window scale is caught") { bad.passed shouldBe true }
            assertEquals(listOf("PASS", "FAIL", "UNSUPPORTED"), listOf(good.status, bad.status, tfo.status))
            assertEquals(6, bad.line)
            assertEquals("synack.pkt:6: error handling packet: bad value outbound TCP option 3", bad.message.lines().first())
            assertEquals(0, good.line)
            assertTrue(tfo.message.startsWith("inline.pkt:4:") && tfo.message.contains("unsupported"), tfo.message)
        }
        assertEquals(listOf(Outcome.PASSED, Outcome.FAILED), lab.checks().map { it.outcome() })
    }
}
