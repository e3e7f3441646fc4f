// Lab 2: connect() to a port where nothing listens.
// Kernel path on the server: tcp_v4_rcv finds no socket (neither ehash nor the listening hash)
// and answers with tcp_v4_send_reset. On the client, tcp_rcv_synsent_state_process accepts the
// RST only because its ACK number is exactly ISN+1 (checklist item 10), then tcp_reset sets
// ECONNREFUSED and tcp_done counts AttemptFails.
// Oracle: linux-handshake.md 9.1/9.2, reference capture b (b_rst_closed_port).
title = "connect() refused: the RST for a SYN"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 5.ms }

// Nothing listens on 5001 or 5002. One blocking and one non-blocking connect, as in capture b.
val blocking = client.connect(server, 5001)
val nonBlocking = at(100.ms) { client.connect(server, 5002, nonBlocking = true) }

step("A blocking connect()") {
    check("connect() returns ECONNREFUSED after one round trip", points = 2) {
        eventually(within = 1.s) { blocking.errno shouldBe ECONNREFUSED }
        blocking.connectedAt!! shouldBeAbout 10.ms
        blocking.state shouldBe TCP_CLOSE
    }
    check("the socket went SYN_SENT -> CLOSE and never ESTABLISHED", points = 1) {
        blocking.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_CLOSE)
    }
}

step("The RST on the wire (checklist item 9)") {
    check("the reply to a SYN is RST|ACK, seq 0, ack ISN+1, window 0, no options", points = 3) {
        val syn = wire.from(client).syns().port(5001).single()
        val rst = wire.from(server).rsts().port(5001).single()
        // tcp_v4_send_reset: no ACK in the offending segment -> seq 0, ACK flag, ack = seq + SYN
        rst.flags() shouldBe "AR"
        rst.seq() shouldBe 0L
        rst.ack() shouldBe ((syn.seq() + 1) and 0xFFFFFFFFL)
        rst.window() shouldBe 0
        rst.options() shouldBe ""
        rst.length() shouldBe 0
    }
    check("the server's kernel answered from tcp_v4_send_reset, without a socket", points = 1) {
        trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_v4_send_reset")
        server.ss shouldBe emptyList()
    }
}

step("A non-blocking connect()") {
    check("connect() returns EINPROGRESS at once", points = 1) {
        nonBlocking.errno shouldBe EINPROGRESS
        nonBlocking.state shouldBe TCP_SYN_SENT
    }
    check("SO_ERROR then reports ECONNREFUSED, and reading it clears it", points = 2) {
        eventually(within = 1.s) { nonBlocking.state shouldBe TCP_CLOSE }
        nonBlocking.soError() shouldBe ECONNREFUSED
        nonBlocking.soError() shouldBe OK
    }
}

step("Counters (nstat)") {
    check("client: ActiveOpens 2, AttemptFails 2; server: OutRsts 2", points = 2) {
        client.counter("TcpActiveOpens") shouldBe 2L
        client.counter("TcpAttemptFails") shouldBe 2L
        server.counter("TcpOutRsts") shouldBe 2L
        // capture b: InSegs/OutSegs = 2 on both sides (every RST counts in OutSegs)
        server.counter("TcpInSegs") shouldBe 2L
        server.counter("TcpOutSegs") shouldBe 2L
        client.counter("TcpOutSegs") shouldBe 2L
    }
    check("no retransmission: the RST ended the attempt", points = 1, hidden = true) {
        runUntil(5.s)
        wire.syns().size shouldBe 2
        client.counter("TcpRetransSegs") shouldBe 0L
    }
}
