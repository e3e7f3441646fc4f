// A lab installing its own Simulation through the hook NetworkDsl uses.
title = "Scheduled events"

class Ticker : Simulation {
    override var nowNanos = 0L
    val queue = java.util.TreeMap<Long, () -> Unit>()
    var fired = 0
    fun schedule(at: VDuration, action: () -> Unit) { queue[at.nanos] = action }
    override fun nextEventNanos(): Long? = queue.firstEntry()?.key
    override fun runNext(): Boolean {
        val e = queue.pollFirstEntry() ?: return false
        nowNanos = e.key
        e.value()
        return true
    }
    override fun runUntil(nanos: Long) {
        while (queue.isNotEmpty() && queue.firstKey() <= nanos) runNext()
        nowNanos = nanos
    }
}

val ticker = Ticker()
lab.simulation = ticker
lab.traceProvider = { dev.tcplab.lab.result.LabTrace(listOf(), listOf(), listOf(),
    listOf(dev.tcplab.lab.result.LabTrace.FaultMark(ticker.nowNanos, "none", "fired ${ticker.fired}")), listOf(), listOf()) }
ticker.schedule(300.ms) { ticker.fired++ }
ticker.schedule(700.ms) { ticker.fired++ }
ticker.schedule(5.s) { ticker.fired++ }

check("eventually stops at the event that makes it true") {
    eventually(within = 1.s) { ticker.fired shouldBe 2 }
    now shouldBe 700.ms
}
check("runUntil runs what is due") {
    runUntil(6.s)
    ticker.fired shouldBe 3
}
