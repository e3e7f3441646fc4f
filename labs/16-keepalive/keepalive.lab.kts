// Lab 16: keepalive and TCP_USER_TIMEOUT - how an idle connection finds out its peer is gone.
// With SO_KEEPALIVE, tcp_keepalive_timer sends a probe once the connection has been idle for
// TCP_KEEPIDLE (net.ipv4.tcp_keepalive_time, 7200 s by default): an ACK without data whose
// sequence number (snd_una - 1) the peer has already acknowledged, so the peer must answer it
// with an ACK (tcp_xmit_probe_skb). An answer restarts the idle time. Without one, a probe goes
// every TCP_KEEPINTVL, and after TCP_KEEPCNT unanswered probes the connection is reset (RST|ACK)
// and the application's recv() fails with ETIMEDOUT (tcp_write_err, TCPAbortOnTimeout).
// TCP_USER_TIMEOUT replaces the count by a time: idle past it with a probe out, the connection ends.
// Timers run on the kernel's timer wheel (HZ=250), so each fires up to ~12 % late.
// Oracle: reference captures fresh/k1, k2 and u2 (Linux 6.18, the same settings and times).
title = "Keepalive: finding out the peer is gone"

val keepalive = mapOf(SO_KEEPALIVE to 1, TCP_KEEPIDLE to 2, TCP_KEEPINTVL to 1, TCP_KEEPCNT to 3)

// three clients, each with its own server: one that answers, two whose way back breaks at 1 s
val c1 = host("c1", "192.0.2.1"); val alive = host("alive", "192.0.2.11")
val c2 = host("c2", "192.0.2.2"); val gone = host("gone", "192.0.2.12")
val c3 = host("c3", "192.0.2.3"); val gone2 = host("gone2", "192.0.2.13")
lan("lan", c1, alive, c2, gone, c3, gone2)
for (s in listOf(alive, gone, gone2)) s.listen(5000, accept = true)

val answered = c1.connect(alive, 5000, options = keepalive)
val unanswered = c2.connect(gone, 5000, options = keepalive)
val bounded = c3.connect(gone2, 5000, options = keepalive + mapOf(TCP_KEEPCNT to 9, TCP_USER_TIMEOUT to 3500))
val waiting2 = unanswered.recv()
val waiting3 = bounded.recv()
// the servers vanish from the network (a crash, a cable, a NAT that forgot the flow): from 1 s
// everything they send is dropped, so the probes reach them but no answer comes back
at(1.s) { for (s in listOf(gone, gone2)) s.dropOutput("-j DROP") { true } }

/** The keepalive probes on the wire from [client]: pure ACKs one below what the peer acknowledged. */
fun probes(client: HostHandle) = wire.from(client).withFlags("A").matching { it.relSeq() == 0L }

step("A peer that answers") {
    check("after 2 s of silence the client sends a probe: an ACK without data, one byte below snd_una", points = 2) {
        runUntil(2.1.s)
        probes(c1).size shouldBe 1
        probes(c1).times().single() shouldBeIn 2.s..2.26.s
        probes(c1).single().length() shouldBe 0
        wire.from(alive).withFlags("A").size shouldBe 1 // its answer
    }
    check("each answer restarts the idle time: a probe every 2 s, never every TCP_KEEPINTVL", points = 2) {
        runUntil(7.s)
        val t = probes(c1).times()
        t.size shouldBe 3
        (t[1] - t[0]) shouldBeIn 2.s..2.26.s
        (t[2] - t[1]) shouldBeIn 2.s..2.26.s
        answered.state shouldBe TCP_ESTABLISHED
        c1.counter("TcpExtTCPKeepAlive") shouldBe 3L
    }
}

step("A peer that is gone") {
    check("unanswered probes follow each other every TCP_KEEPINTVL (1 s)", points = 2) {
        val t = probes(c2).times()
        t.size shouldBe 3
        (t[1] - t[0]) shouldBeIn 1.s..1.13.s
        (t[2] - t[1]) shouldBeIn 1.s..1.13.s
    }
    check("after TCP_KEEPCNT (3) unanswered probes: RST|ACK, and recv() fails with ETIMEDOUT", points = 3) {
        wire.from(c2).rsts().flags() shouldBe listOf("AR")
        wire.from(c2).rsts().times().single() shouldBeIn 5.s..5.7.s
        waiting2.errno() shouldBe ETIMEDOUT
        unanswered.state shouldBe TCP_CLOSE
        c2.counter("TcpExtTCPAbortOnTimeout") shouldBe 1L
    }
}

step("TCP_USER_TIMEOUT") {
    check("with a 3.5 s user timeout, 2 probes are enough: idle past it with a probe out, it ends at ~4 s", points = 3, hidden = true) {
        probes(c3).size shouldBe 2
        wire.from(c3).rsts().times().single() shouldBeIn 4.s..4.6.s
        waiting3.errno() shouldBe ETIMEDOUT
        c3.counter("TcpExtTCPKeepAlive") shouldBe 2L
    }
}
