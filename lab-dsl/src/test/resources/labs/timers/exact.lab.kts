// exactTimers(): each timer fires at its nominal time, for teaching the nominal values.
title = "Exact timers"
exactTimers()
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 1) }
val server = host("server", "192.0.2.2")
link(client, server) { delay = 1.ms }
server.dropInput("--syn -j DROP") { it.tcp.syn && !it.tcp.ack }
val conn = at(0.s) { client.connect(server, 80) }

check("the retransmissions at exactly 1 s and 2 s") {
    runUntil(10.s)
    wire.from(client).syns().times() shouldBe listOf(0.s, 1.s, 2.s)
}
