// The DESIGN.md sketch, with Linux's real answer: a retransmitted SYN gets a SYN-ACK at once.
title = "SYN-ACK lost twice"
exactTimers() // the sketch's nominal times; labs/timers has the wheel
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 3) }
val server = host("server", "192.0.2.2")
link(client, server) {
    delay = 10.ms
    drop(first = 2, from = server) { it.tcp.synAck }
}
val listener = server.listen(80, backlog = 8)
val conn = at(0.s) { client.connect(server, 80) }

check("server keeps a request sock while the SYN-ACKs are lost", points = 2) {
    at(500.ms) { listener.requests.single().state shouldBe TCP_NEW_SYN_RECV }
}
check("client established after the third SYN-ACK", points = 3) {
    eventually(within = 5.s) { conn.state shouldBe TCP_ESTABLISHED }
    conn.connectedAt shouldBe 1020.ms
    wire.from(server).synAcks().times() shouldBeAbout listOf(10.ms, 1010.ms, 1010.ms)
    wire.dropped().flags() shouldBe listOf("SA", "SA")
}
check("the states the client went through", points = 1) {
    conn.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
}
check("the handshake took the kernel's path", points = 1) {
    runUntil(1.1.s) // the client's ACK reaches the server at 1.03 s
    trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request",
        "tcp_v4_send_synack", "tcp_check_req", "inet_rtx_syn_ack", "tcp_check_req", "tcp_v4_syn_recv_sock",
        "inet_csk_complete_hashdance")
}
check("counters", points = 1) {
    server.counter("TcpExtTCPSynRetrans") shouldBe 2L
    client.counter("TcpActiveOpens") shouldBe 1L
}
