// Lab 10: closing a connection, FIN_WAIT2, TIME_WAIT, and close() with unread data.
// close() in ESTABLISHED sends a FIN (tcp_close -> tcp_send_fin): FIN_WAIT1. The peer's tcp_fin
// moves it to CLOSE_WAIT and, because a FIN switches it to pingpong mode, DELAYS the ACK of the
// FIN (~40 ms, checklist item 18). When that ACK arrives, the orphaned (already closed) socket
// becomes a timewait minisock at once in sub-state FIN_WAIT2 (tcp_time_wait, checklist item 17);
// the peer's FIN turns it into TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN; TcpExtTW counts the entry).
// close() with unread data in the receive queue sends a RST instead of a FIN (TCPAbortOnClose).
// Oracle: linux-handshake.md 4.4, 10.2; reference capture a (a_normal).
title = "Closing: FIN_WAIT2, TIME_WAIT and the delayed ACK of a FIN"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms }

val listener = server.listen(5000, accept = true)
val conn = client.connect(server, 5000)
val child = at(50.ms) { listener.accepted.single() }

// Capture a: the client sends "hello\n", the server echoes "world\n", the client closes 0.2 s
// later, the server closes 0.5 s after it saw EOF.
at(50.ms) { conn.send("hello\n") }
at(100.ms) {
    child.received shouldBe "hello\n"
    child.send("world\n")
}
val eof = at(150.ms) { conn.received shouldBe "world\n"; child.recv() }
val closedAt = at(300.ms) { conn.close(); now }

step("The first FIN") {
    check("close() sends a FIN: client FIN_WAIT1, server CLOSE_WAIT and recv() returns EOF", points = 2) {
        at(315.ms) {
            wire.from(client).fins().size shouldBe 1
            conn.state shouldBe TCP_FIN_WAIT1
            child.state shouldBe TCP_CLOSE_WAIT
            eof.isDone shouldBe true
            eof.value().size shouldBe 0
        }
    }
    check("the ACK of the FIN is delayed by ~40 ms (pingpong mode after a FIN)", points = 3) {
        at(400.ms) {
            val fin = wire.from(client).fins().single()
            val ack = wire.from(server).pureAcks().matching { it.timeNanos() > fin.timeNanos() }.first()
            // FIN arrives at fin + 10 ms; Linux measured +44 ms (capture a): 40 ms delack + slack
            (VDuration(ack.timeNanos()) - VDuration(fin.timeNanos()) - 10.ms) shouldBeIn 40.ms..50.ms
        }
    }
    check("the orphan is now a timewait minisock in FIN_WAIT2 (ss: FIN-WAIT-2, timer timewait)", points = 3) {
        at(500.ms) {
            conn.state shouldBe TCP_FIN_WAIT2
            val row = client.ss.single { it.local().endsWith(":${conn.localPort}") }
            row.kind() shouldBe "timewait"
            row.state() shouldBe TCP_FIN_WAIT2
            row.timer().startsWith("timewait,59sec") shouldBe true
        }
    }
}

step("The second FIN and TIME_WAIT") {
    check("the server closes at 0.8 s: LAST_ACK, then CLOSE when the client's ACK arrives", points = 2) {
        at(800.ms) { child.close() }
        runUntil(900.ms)
        child.states shouldContainInOrder listOf(TCP_ESTABLISHED, TCP_CLOSE_WAIT, TCP_LAST_ACK, TCP_CLOSE)
        child.state shouldBe TCP_CLOSE
    }
    check("four segments closed the connection: FIN, ACK, FIN, ACK", points = 2) {
        wire.matching { it.timeNanos() >= closedAt.nanos }.ladder() shouldBe listOf(
            "client>server AF", "server>client A", "server>client AF", "client>server A")
    }
    check("client: FIN_WAIT1 -> FIN_WAIT2 -> TIME_WAIT, 60 s timer restarted, TcpExtTW = 1", points = 3) {
        // Follow the 4-tuple, not the socket: after FIN_WAIT2 a timewait minisock (tw...) holds it.
        val tuple = "${client.address}:${conn.localPort}>"
        trace.states(client).filter { tuple in it.socket() }.map { it.to() } shouldContainInOrder
            listOf("TCP_ESTABLISHED", "TCP_FIN_WAIT1", "TCP_FIN_WAIT2", "TCP_TIME_WAIT")
        conn.state shouldBe TCP_TIME_WAIT
        val row = client.ss.single { it.local().endsWith(":${conn.localPort}") }
        row.state() shouldBe TCP_TIME_WAIT
        row.timer().startsWith("timewait,59sec") shouldBe true
        client.counter("TcpExtTW") shouldBe 1L
    }
    check("TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN), not 2*MSL", points = 2, hidden = true) {
        // entered at ~0.81 s; the timer wheel may fire a 60 s timer a few seconds late
        at(60.7.s) { conn.state shouldBe TCP_TIME_WAIT }
        at((0.81 + 60 * 1.13).s) {
            conn.state shouldBe TCP_CLOSE
            client.ss.none { it.kind() == "timewait" } shouldBe true
        }
    }
}

step("close() with unread data") {
    check("the server closes without reading the client's data: RST|ACK instead of FIN", points = 3) {
        val c2 = client.connect(server, 5000)
        runUntil(now + 50.ms)
        val child2 = listener.accepted.last()
        c2.send("unread")
        runUntil(now + 50.ms)
        val t = now
        child2.close()
        runUntil(now + 50.ms)
        val after = wire.from(server).matching { it.timeNanos() >= t.nanos }
        after.flags() shouldBe listOf("AR")
        server.counter("TcpExtTCPAbortOnClose") shouldBe 1L
        c2.state shouldBe TCP_CLOSE
        c2.soError() shouldBe ECONNRESET
    }
}
