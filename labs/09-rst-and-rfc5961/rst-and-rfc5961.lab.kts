// Lab 9: which RSTs and SYNs a connection believes (RFC 5961).
// In a synchronized state tcp_validate_incoming checks every RST and SYN (checklist item 11):
//  * SYN (any seq)                      -> challenge ACK (TCPSYNChallenge, TCPChallengeACK, InErrs)
//  * RST with seq == rcv_nxt exactly    -> tcp_reset: the connection dies (ECONNRESET, EstabResets)
//  * RST inside the window, not exact   -> challenge ACK, RST dropped
//  * RST outside the window             -> silently dropped
// In SYN_SENT, tcp_rcv_synsent_state_process believes a RST only if it carries ACK with
// ack == ISN + 1 (checklist item 10); anything else is ignored.
// Oracle: linux-handshake.md 9.2, 9.3; reference capture h1 (h1_rfc5961_established), obs h2.
title = "RST, challenge ACKs and RFC 5961"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 1.ms }

val listener = server.listen(5000, accept = true)
val conn = client.connect(server, 5000, bindPort = 41000)

// The client's ISN from the wire: the server's rcv_nxt is ISN + 1.
val clientIsn = at(100.ms) { wire.from(client).syns().single().seq() }
val rcvNxt = (clientIsn + 1) and 0xFFFFFFFFL
val serverSide = listener.accepted.single()
val serverRecv = serverSide.recv()

// As in h1: forged segments from the client's address and port, 1 s apart.
fun forge(flags: String, seq: Long) =
    client.inject(to = server, dstPort = 5000, srcPort = 41000, flags = flags, seq = seq and 0xFFFFFFFFL)

fun challengeAcksSince(t: VDuration) = wire.from(server).pureAcks().times().count { it >= t }

step("A SYN in ESTABLISHED") {
    check("a SYN with a random seq gets a challenge ACK, counted in InErrs", points = 3) {
        at(1.s) { forge("S", rcvNxt + 1_122_533_046L) }
        runUntil(1.5.s)
        challengeAcksSince(1.s) shouldBe 1
        server.counter("TcpExtTCPSYNChallenge") shouldBe 1L
        server.counter("TcpExtTCPChallengeACK") shouldBe 1L
        server.counter("TcpInErrs") shouldBe 1L
        serverSide.state shouldBe TCP_ESTABLISHED
    }
}

step("RSTs in ESTABLISHED") {
    check("a RST 1000 bytes inside the window: challenge ACK, connection kept", points = 2) {
        at(2.s) { forge("R", rcvNxt + 1000) }
        runUntil(2.5.s)
        challengeAcksSince(2.s) shouldBe 1
        server.counter("TcpExtTCPChallengeACK") shouldBe 2L
        serverSide.state shouldBe TCP_ESTABLISHED
    }
    check("a RST 50,000,000 bytes away (outside the window): ignored, no reply", points = 2) {
        at(3.s) { forge("R", rcvNxt + 50_000_000L) }
        runUntil(3.5.s)
        wire.from(server).times().count { it >= 3.s } shouldBe 0
        serverSide.state shouldBe TCP_ESTABLISHED
    }
    check("a RST exactly at rcv_nxt resets the connection: recv() fails with ECONNRESET", points = 3) {
        at(4.s) { forge("R", rcvNxt) }
        eventually(within = 10.ms) { serverRecv.isDone shouldBe true }
        serverRecv.errno() shouldBe ECONNRESET
        serverSide.state shouldBe TCP_CLOSE
        server.counter("TcpEstabResets") shouldBe 1L
    }
    check("the client, unaware, sends data at 6 s and gets a RST (seq 1, no ACK flag)", points = 2, hidden = true) {
        at(6.s) { conn.send("0123456789") }
        runUntil(6.1.s)
        val rst = wire.from(server).rsts().single()
        rst.flags() shouldBe "R"
        rst.relSeq() shouldBe 1L
        conn.state shouldBe TCP_CLOSE
        conn.soError() shouldBe ECONNRESET
        client.counter("TcpEstabResets") shouldBe 1L
    }
}

// Part 2: a connection in SYN_SENT. `probe` targets a host that drops SYNs, so the SYN waits.
val blackhole = host("blackhole", "198.51.100.2")
val probe = host("probe", "198.51.100.1")
link(probe, blackhole)
blackhole.dropInput("--syn -j DROP") { it.tcp.syn && !it.tcp.ack }
val pending = at(7.s) { probe.connect(blackhole, 5000, nonBlocking = true, bindPort = 42000) }
val probeIsn = wire.from(probe).syns().single().seq()

fun forgeToProbe(flags: String, seq: Long, ack: Long) =
    blackhole.inject(to = probe, dstPort = 42000, srcPort = 5000, flags = flags, seq = seq, ack = ack and 0xFFFFFFFFL)

step("RSTs in SYN_SENT (checklist item 10)") {
    check("RST without ACK, and RST|ACK with a wrong ack, are ignored", points = 2) {
        at(7.2.s) { forgeToProbe("R", 0, 0) }
        at(7.3.s) { forgeToProbe("RA", 0, probeIsn + 2) }
        at(7.4.s) { forgeToProbe("RA", 0, probeIsn) }
        runUntil(7.5.s)
        pending.state shouldBe TCP_SYN_SENT
        wire.from(probe).rsts().size shouldBe 0
    }
    check("RST|ACK with ack = ISN + 1 refuses the connection: SO_ERROR ECONNREFUSED", points = 2) {
        at(7.6.s) { forgeToProbe("RA", 0, probeIsn + 1) }
        runUntil(7.7.s)
        pending.state shouldBe TCP_CLOSE
        pending.soError() shouldBe ECONNREFUSED
        probe.counter("TcpAttemptFails") shouldBe 1L
    }
}

step("A SYN-ACK with the wrong ACK number") {
    check("the client answers with RST (seq = that ack, no ACK flag) and resends its SYN almost at once", points = 2, hidden = true) {
        val second = at(8.s) { probe.connect(blackhole, 5000, nonBlocking = true, bindPort = 42002) }
        val isn = wire.from(probe).syns().last().seq()
        val bad = (isn + 1000) and 0xFFFFFFFFL
        at(8.3.s) { blackhole.inject(to = probe, dstPort = 42002, srcPort = 5000, flags = "SA", seq = 777, ack = bad, synOptions = true) }
        runUntil(8.5.s)
        val rst = wire.from(probe).rsts().single()
        rst.flags() shouldBe "R"
        rst.seq() shouldBe bad
        // "reset_and_undo": the SYN timer is re-armed to TCP_TIMEOUT_MIN (2 jiffies; obs h2: 9 ms later)
        val resent = wire.from(probe).syns().port(42002).times()
        resent.size shouldBe 2
        resent[1] shouldBeIn 8.3.s..8.33.s
        second.state shouldBe TCP_SYN_SENT
    }
}
