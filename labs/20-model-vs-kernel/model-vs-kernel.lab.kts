// Lab 20: the model's TCP side by side with the real Linux kernel of this machine.
// Needs root and libpcap (apt-get install -y libpcap0.8 iproute2); skipped otherwise.
title = "The model side by side with the Linux kernel"

// 1. The model alone, in virtual time: a model client talks to a model server.
//    The same conversation as below, at the same times after the SYN.
val model = modelOnly {
    val client = host("client", "192.0.2.1")
    val server = host("server", "192.0.2.2")
    link(client, server) { delay = 20.us } // a veth's one-way latency
    val listener = server.listen(5000, accept = true)
    val conn = client.connect(server, 5000)          // rungs 1-3: S, SA, A
    after(10.ms) { conn.send("hello\n") }            // rung 4 (and the ACK, rung 5)
    after(50.ms) { listener.accepted.single().send("world\n") }  // rung 6 (7)
    after(50.ms) { conn.received; conn.close() }     // rung 8 (read first: unread data would make it RST)
    after(140.ms) { listener.accepted.single().run { received; close() } }         // the server's delayed ACK (9), rung 10 (11)
    after(100.ms) { client.connect(server, 5001) }   // rung 12: to a closed port, RST (13)
    runUntil(now + 200.ms)
    ladder(client)
}

check("the model's own ladder: handshake, data both ways, close, RST", points = 1) {
    model.rungs().map { "${it.dir()} ${it.flags()}" } shouldBe listOf(
        "C->S S", "S->C SA", "C->S A", "C->S AP", "S->C A", "S->C AP", "C->S A",
        "C->S AF", "S->C A", "S->C AF", "C->S A", "C->S S", "S->C AR")
}

// 2. The same with the real kernel as the server: a lab-owned network namespace joined by a
//    veth to the model client. From here on the lab runs on the wall clock.
//    On the wall clock the scheduler decides when this JVM runs, so the script waits for what a
//    program would wait for (accept, a read) before acting on it, instead of trusting a time.
val client = host("client", "192.0.2.1")
val server = linuxHost("server", "192.0.2.2")
val listener = server.listen(5000)
val conn = client.connect(server, 5000)
val child = listener.accept() // the handshake is done: the hello cannot meet a client still in SYN-SENT
after(10.ms) { conn.send("hello\n") }
val request = child.recv()
after(50.ms) { child.send("world\n") }
val reply = after(50.ms) {
    eventually(within = 1.s) { conn.received shouldBe "world\n" } // as a blocking read waits
    conn.received.also { conn.close() } // read first: unread data would make close() send RST
}
val eof = child.recv()
after(140.ms) { child.close() }
eventually(within = 1.s) { conn.state shouldBe TCP_TIME_WAIT } // the kernel's FIN is in and acked
val refused = after(100.ms) { client.connect(server, 5001) }
runUntil(now + 200.ms)

step("the conversation") {
    check("the model client connected to the kernel's listener", points = 1) {
        conn.states.take(3) shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
        server.nstat["TcpPassiveOpens"] shouldBe 1L
    }
    check("data both ways", points = 1) {
        request shouldBe "hello\n"
        reply shouldBe "world\n"
        eof shouldBe "" // the model's FIN reached the kernel's socket
    }
    check("the model client ends in TIME_WAIT, the kernel's socket is gone", points = 1) {
        conn.state shouldBe TCP_TIME_WAIT
        server.ss.contains("ESTAB") shouldBe false
    }
    check("a closed port on the kernel answers RST: ECONNREFUSED", points = 1) {
        refused.errno shouldBe ECONNREFUSED
        server.nstat["TcpOutRsts"] shouldBe 1L
    }
}

// What is compared: what the kernel decides - every segment's direction, flags, relative seq/ack,
// window field, length and option kinds in order, and how long after its cause the kernel sent
// each of its own segments (SYN-ACK 2, ACK 5, delayed ACK 9, RST 13), within its timer slack.
// What is not: how fast a busy machine runs programs. The scripts' calls (rungs 4, 6, 8, 10, 12)
// and the model client's own answers on the wall clock (ACKs 3, 7, 11: ladder(client) marks the
// model's direction) may be late by any amount - measured 11-27 ms with three CPU-bound
// processes on two cores, against 20 us in virtual time - but never early.
check("the kernel's ladder is the model's", points = 3) {
    ladder(client).shouldMatch(model, 4, 6, 8, 10, 12)
}
