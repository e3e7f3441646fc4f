// Lab 15: a tour of the lab DSL. docs/dsl-tour.md builds this lab step by step; every snippet
// there is taken from this file, so the tour cannot drift from a lab that runs.
// The scenario: a client connects over a 10 ms link that loses its first SYN. Linux retransmits
// the SYN when the initial RTO expires (TCP_TIMEOUT_INIT = 1 s, tcp_retransmit_timer ->
// tcp_retransmit_skb), the server answers the second SYN with a request sock and a SYN-ACK, and
// the completed connection waits in the accept queue until accept() takes it.
// Oracle: linux-handshake.md 2, 3, 4.2 and 5; lab 03 for the SYN schedule, lab 06 for the queue.

// 1. The lab
title = "A tour of the lab DSL: the first SYN is lost"
seed = 15

// 2. Hosts: two modelled Linux 6.18 hosts; the client may retransmit its SYN 3 times
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 3) }
val server = host("server", "192.0.2.2")

// 3. A link with a delay and a fault: 10 ms each way, and the client's first SYN is lost
link(client, server) {
    delay = 10.ms
    drop(first = 1, from = client) { it.tcp.syn }
}

// 4. Sockets: listen(1) and no accept() yet; a non-blocking connect()
val listener = server.listen(80, backlog = 1)
val conn = client.connect(server, 80, nonBlocking = true)

// 5. Checks, grouped in steps; each runs where it stands, at the current virtual time
step("The first SYN is lost") {
    check("connect() on a non-blocking socket returns EINPROGRESS; the socket is in SYN-SENT") {
        conn.errno shouldBe EINPROGRESS
        conn.state shouldBe TCP_SYN_SENT
    }
    check("the link dropped the SYN: the server has no request sock, the client waits", points = 2) {
        at(500.ms) {
            wire.dropped().flags() shouldBe listOf("S")
            listener.requests shouldBe emptyList()
            conn.state shouldBe TCP_SYN_SENT
        }
    }
}

step("The SYN is retransmitted") {
    check("after the initial RTO of 1 s the SYN leaves again", points = 2) {
        eventually(within = 2.s) { wire.from(client).syns().size shouldBe 2 }
        val (first, second) = wire.from(client).syns().times()
        first shouldBe 0.s
        second shouldBeIn 1.s..1.032.s // the kernel's timer wheel: up to 8 jiffies (32 ms at HZ=250) late
    }
    check("the server answers with a request sock in TCP_NEW_SYN_RECV and a SYN-ACK") {
        after(15.ms) {
            listener.requests.single().state shouldBe TCP_NEW_SYN_RECV
            wire.from(server).synAcks().size shouldBe 1
        }
    }
    check("the client is ESTABLISHED one round trip after its second SYN", points = 2) {
        eventually(within = 100.ms) { conn.state shouldBe TCP_ESTABLISHED }
        now shouldBeAbout wire.from(client).syns().times().last() + 20.ms
        conn.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
    }
}

step("The accept queue") {
    check("the child waits in the accept queue; ss shows Recv-Q 1 and Send-Q 1 (the backlog)", points = 2) {
        after(20.ms) {
            listener.requests shouldBe emptyList()
            listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
            val row = server.ss.single { it.state() == TCP_LISTEN }
            row.recvQ() shouldBe 1
            row.sendQ() shouldBe 1
        }
    }
    check("the counters: one active and one passive open, one retransmitted SYN") {
        client.counter("TcpActiveOpens") shouldBe 1L
        client.counter("TcpRetransSegs") shouldBe 1L
        client.counter("TcpExtTCPSynRetrans") shouldBe 1L
        server.counter("TcpPassiveOpens") shouldBe 1L
        server.counter("TcpExtListenOverflows") shouldBe 0L
    }
    check("the handshake took the kernel's path on the server") {
        trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request", "tcp_v4_send_synack",
            "tcp_check_req", "tcp_v4_syn_recv_sock", "inet_csk_complete_hashdance")
    }
}

step("Data") {
    check("accept() takes the connection; data sent now arrives one link delay later", points = 2) {
        val child = listener.accept() ?: fail("a connection", null, "the accept queue is empty")
        listener.acceptQueue shouldBe emptyList()
        conn.send("hello") shouldBe OK
        after(10.ms) { child.received shouldBe "hello" }
    }
}

// 6. A hidden check counts for the grade; students see it once grades are published
check("on the wire: S (lost), S, SA, A, then the data", hidden = true) {
    wire.ladder() shouldBe listOf("client>server S", "client>server S", "server>client SA", "client>server A",
        "client>server AP", "server>client A")
}
