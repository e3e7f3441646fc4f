// Lab 5: the third ACK never arrives.
// The client is ESTABLISHED as soon as it sends its ACK (tcp_rcv_synsent_state_process ->
// tcp_finish_connect); the server is not: its request sock waits in TCP_NEW_SYN_RECV. Its timer
// (reqsk_timer_handler) resends the SYN-ACK at 1 and 3 s (tcp_synack_retries = 2), then
// inet_csk_reqsk_queue_drop_and_put removes it SILENTLY (checklist item 8: no RST).
// The established client treats each retransmitted SYN-ACK as a SYN in a synchronized state:
// tcp_validate_incoming sends an RFC 5961 challenge ACK and counts InErrs (checklist item 11).
// When the client finally sends data, the server's listener has no request for it: the segment
// has ACK set, so tcp_v4_send_reset answers with a RST whose seq is that ACK number and which has
// no ACK flag. The client's tcp_reset gives ECONNRESET.
// Oracle: linux-handshake.md 4.3, 9.1, 9.3; reference capture d1 (d1_ack_dropped_data_late).
title = "The lost third ACK: a connection only one side knows"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2") { sysctl("net.ipv4.tcp_synack_retries", 2) }
link(client, server) { delay = 1.ms }

// iptables -A INPUT -p tcp --dport 5000 --tcp-flags ALL ACK -j DROP: pure ACKs only; data passes.
server.dropInput("--tcp-flags ALL ACK") { it.tcp.dstPort == 5000 && it.tcp.pureAck }

val listener = server.listen(5000, accept = true)
val conn = client.connect(server, 5000)

step("Two opinions about one connection") {
    check("the client is ESTABLISHED after one round trip", points = 1) {
        eventually(within = 100.ms) { conn.state shouldBe TCP_ESTABLISHED }
        conn.errno shouldBe OK
    }
    check("the server only has a request sock, and accept() has nothing to return", points = 2) {
        at(500.ms) {
            listener.requests.single().state shouldBe TCP_NEW_SYN_RECV
            listener.acceptQueue shouldBe emptyList()
            listener.accepted shouldBe emptyList()
        }
    }
}

step("SYN-ACK retransmissions and challenge ACKs") {
    check("SYN-ACKs at 0, 1, 3 s (tcp_synack_retries = 2)", points = 2) {
        runUntil(9.s)
        val times = wire.from(server).synAcks().times()
        times.size shouldBe 3
        times.zip(listOf(0.0, 1.0, 3.0)).forEach { (t, n) -> t shouldBeIn n.s..(n * 1.13).s + 10.ms }
    }
    check("the client answers each retransmitted SYN-ACK with a challenge ACK, counted in InErrs", points = 3) {
        // 1 ACK for the first SYN-ACK + 2 challenge ACKs, all for the same seq/ack
        wire.from(client).pureAcks().size shouldBe 3
        client.counter("TcpExtTCPSYNChallenge") shouldBe 2L
        client.counter("TcpExtTCPChallengeACK") shouldBe 2L
        client.counter("TcpInErrs") shouldBe 2L
        trace.on(client) shouldContainInOrder listOf("tcp_validate_incoming", "tcp_send_challenge_ack")
    }
    check("the request expired silently at ~7 s: no RST, no ss row, the client still ESTABLISHED", points = 2) {
        listener.requests shouldBe emptyList()
        server.ss.none { it.kind() == "request" } shouldBe true
        wire.rsts().size shouldBe 0
        conn.state shouldBe TCP_ESTABLISHED
        server.counter("TcpExtTCPTimeouts") shouldBe 3L
        server.counter("TcpRetransSegs") shouldBe 2L
    }
}

step("Data after the request expired") {
    check("the data segment gets a RST with seq = its ACK number and no ACK flag", points = 3) {
        at(10.s) { conn.send("0123456789") shouldBe OK }
        eventually(within = 100.ms) { wire.from(server).rsts().size shouldBe 1 }
        val data = wire.from(client).data().single()
        val rst = wire.from(server).rsts().single()
        rst.flags() shouldBe "R"
        rst.seq() shouldBe data.ack()
        rst.window() shouldBe 0
        server.counter("TcpOutRsts") shouldBe 1L
    }
    check("the client's recv() fails with ECONNRESET and the socket is CLOSE", points = 2) {
        val r = conn.recv()
        eventually(within = 100.ms) { r.isDone shouldBe true }
        r.errno() shouldBe ECONNRESET
        conn.state shouldBe TCP_CLOSE
        client.counter("TcpEstabResets") shouldBe 1L
    }
    check("the server never created a socket for it", points = 1, hidden = true) {
        server.counter("TcpPassiveOpens") shouldBe 0L
        listener.accepted shouldBe emptyList()
    }
}
