// Lab 13: what a SYN carries, which port it comes from, and the simultaneous open.
// * Options (tcp_syn_options / tcp_options_write, checklist item 12): mss 1460, sackOK+TS in one
//   word, nop, wscale. wscale comes from tcp_select_initial_window: 10 with tcp_rmem[2] = 32 MiB
//   (6.16+), 7 with 6 MiB (before). Window 64240 in the SYN, 65160 in the SYN-ACK, never scaled.
// * Ephemeral ports (__inet_hash_connect, checklist item 13): connect() picks EVEN ports, and
//   successive connects to one destination step by small random even amounts (2..16) within a
//   10 s period; bind(port 0) (inet_csk_find_open_port) picks ODD ones.
// * ISN and timestamps (secure_tcp_seq_and_ts_off, checklist item 14): a keyed hash per 4-tuple,
//   so every connection has its own ISN and its own random TSval offset.
// * Simultaneous open (tcp_rcv_synsent_state_process, SYN without ACK): SYN_SENT -> SYN_RECV
//   (a full socket, no request sock) -> ESTABLISHED on both sides; both count ActiveOpens.
// Oracle: linux-handshake.md 7.1, 7.2, 8, 10.1; reference captures a and ports_ephemeral.
title = "Options, ephemeral ports, ISNs and the simultaneous open"

val client = host("client", "192.0.2.1")
val older = host("older", "192.0.2.3", profile = LINUX_6_12)
val noTs = host("no-ts", "192.0.2.4") { sysctl("net.ipv4.tcp_timestamps", 0) }
val server = host("server", "192.0.2.2")
lan("lan", client, older, noTs, server)
server.listen(5000, accept = true)

// Ten connects to server:5000, one a second (at most one 10 s reshuffle falls inside 0..9 s).
val conns = (0 until 10).map { i -> at((i * 1000).ms) { client.connect(server, 5000) } }
val fromOlder = older.connect(server, 5000)
val fromNoTs = noTs.connect(server, 5000)
runUntil(10.s)

fun tsVal(options: String): Long = Regex("TS val (\\d+)").find(options)!!.groupValues[1].toLong()

step("Options and windows") {
    check("SYN: mss 1460, sackOK, TS, nop, wscale 10, window 64240", points = 2) {
        val syn = wire.from(client).syns().first()
        Regex("mss 1460,sackOK,TS val \\d+ ecr 0,nop,wscale 10").matches(syn.options()) shouldBe true
        syn.window() shouldBe 64240
    }
    check("SYN-ACK: the server's own mss and wscale, TS echoing the client's, window 65160", points = 2) {
        val syn = wire.from(client).syns().first()
        val synAck = wire.from(server).synAcks().first()
        Regex("mss 1460,sackOK,TS val \\d+ ecr ${tsVal(syn.options())},nop,wscale 10").matches(synAck.options()) shouldBe true
        synAck.window() shouldBe 65160
    }
    check("an older kernel (tcp_rmem[2] = 6 MiB) offers wscale 7; the server still answers with 10", points = 1) {
        wire.from(older).syns().single().options().endsWith("nop,wscale 7") shouldBe true
        wire.from(server).synAcks().to(older).single().options().endsWith("nop,wscale 10") shouldBe true
    }
    check("tcp_timestamps = 0: mss, nop, nop, sackOK, nop, wscale - and the SYN-ACK echoes no TS", points = 1, hidden = true) {
        wire.from(noTs).syns().single().options() shouldBe "mss 1460,nop,nop,sackOK,nop,wscale 10"
        ("TS" in wire.from(server).synAcks().to(noTs).single().options()) shouldBe false
    }
}

step("Ephemeral ports") {
    check("connect() picks even ports", points = 1) {
        conns.forEach { expectThat(it.localPort % 2 == 0) { "connect() chose the odd port ${it.localPort}" } }
    }
    check("successive connects step by small even amounts (2..16), except at most one reshuffle", points = 2) {
        val steps = conns.map { it.localPort }.zipWithNext { a, b -> b - a }
        val small = steps.count { it in 2..16 && it % 2 == 0 }
        small shouldBeIn (steps.size - 1)..steps.size
    }
    check("bind(port 0) picks odd ports", points = 1, hidden = true) {
        repeat(2) {
            val s = client.socket()
            s.bind(client.address, 0) shouldBe OK
            expectThat(s.localPort() % 2 == 1) { "bind(0) chose the even port ${s.localPort()}" }
        }
    }
}

step("ISN and timestamp offsets") {
    check("every connection has its own ISN", points = 1) {
        wire.from(client).syns().map { it.seq() }.toSet().size shouldBe 10
    }
    check("TSvals are per connection: SYNs 1 s apart do not show TSvals 1000 ms apart", points = 2) {
        val syns = wire.from(client).syns()
        syns.zipWithNext().forEach { (a, b) ->
            val elapsedMs = (b.timeNanos() - a.timeNanos()) / 1_000_000
            val delta = (tsVal(b.options()) - tsVal(a.options())) and 0xFFFFFFFFL
            expectThat(Math.abs(delta - elapsedMs) > 1000) { "TSvals look like one clock: +$delta for $elapsedMs ms" }
        }
    }
}

// Simultaneous open: each side connects to the other's bound port at the same moment.
val a = host("a", "198.51.100.1")
val b = host("b", "198.51.100.2")
link(a, b) { delay = 5.ms }
val fromA = at(11.s) { a.connect(b, 6000, nonBlocking = true, bindPort = 5555) }
val fromB = b.connect(a, 5555, nonBlocking = true, bindPort = 6000)

step("Simultaneous open") {
    check("both sides go SYN_SENT -> SYN_RECV -> ESTABLISHED, with no listener anywhere", points = 3) {
        eventually(within = 1.s) {
            fromA.state shouldBe TCP_ESTABLISHED
            fromB.state shouldBe TCP_ESTABLISHED
        }
        fromA.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_SYN_RECV, TCP_ESTABLISHED)
        fromB.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_SYN_RECV, TCP_ESTABLISHED)
    }
    check("each SYN-ACK reuses its side's SYN ISN; both count ActiveOpens, neither PassiveOpens", points = 2) {
        val synA = wire.from(a).syns().single()
        val synAckA = wire.from(a).synAcks().single()
        synAckA.seq() shouldBe synA.seq()
        // the full socket's window is reused: 64240, not a request sock's 65160 (obs g)
        synAckA.window() shouldBe 64240
        listOf(a, b).forEach {
            it.counter("TcpActiveOpens") shouldBe 1L
            it.counter("TcpPassiveOpens") shouldBe 0L
        }
    }
}
