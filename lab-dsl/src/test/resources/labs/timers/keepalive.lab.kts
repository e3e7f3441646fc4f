// Keepalive through the DSL (the kernel's fresh/k2 capture, written as a lab): probes at 2, 3 and
// 4 s that nobody answers, then RST and ETIMEDOUT at 5 s.
title = "Keepalive that nobody answers"
val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 20.us }
server.listen(5000, accept = true)
val conn = client.connect(server, 5000,
    options = mapOf(SO_KEEPALIVE to 1, TCP_KEEPIDLE to 2, TCP_KEEPINTVL to 1, TCP_KEEPCNT to 3))
val waiting = conn.recv()
at(1.s) { server.dropOutput("-d 192.0.2.1 -j DROP") { true } }

check("ss -i before the first probe: rto in whole jiffies, two segments out, one in") {
    at(1.5.s) {
        conn.info.rtoMs shouldBe 204L
        conn.info.segsOut shouldBe 2L
        conn.info.segsIn shouldBe 1L
        conn.info.cwnd shouldBe 10
        expectThat(conn.info.ssText().startsWith("ts sack wscale:10,10 rto:204 ")) { conn.info.ssText() }
    }
}

check("three probes one interval apart after 2 s idle, then a reset") {
    runUntil(8.s)
    val probes = wire.from(client).pureAcks().matching { it.relSeq() == 0L }
    probes.size shouldBe 3
    probes.times()[0] shouldBeIn 2.s..2.3.s
    (probes.times()[1] - probes.times()[0]) shouldBeIn 1.s..1.13.s
    wire.from(client).rsts().flags() shouldBe listOf("AR")
    waiting.errno() shouldBe ETIMEDOUT
    client.counter("TcpExtTCPKeepAlive") shouldBe 3L
    client.counter("TcpExtTCPAbortOnTimeout") shouldBe 1L
}
