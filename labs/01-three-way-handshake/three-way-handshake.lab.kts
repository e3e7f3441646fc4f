// Lab 1: the three-way handshake, step by step through the kernel's code.
title = "The three-way handshake"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms }

val listener = server.listen(80, backlog = 128)
val conn = client.connect(server, 80, nonBlocking = true)

step("SYN") {
    check("connect() on a non-blocking socket returns EINPROGRESS", points = 1) {
        conn.errno shouldBe EINPROGRESS
        conn.state shouldBe TCP_SYN_SENT
    }
    check("the SYN carries mss, sackOK, TS, nop, wscale 10", points = 1) {
        val syn = wire.syns().single()
        syn.options().startsWith("mss 1460,sackOK,TS") shouldBe true
        syn.options().endsWith("nop,wscale 10") shouldBe true
        syn.window() shouldBe 64240
    }
}

step("SYN-ACK") {
    check("the server keeps a request sock in TCP_NEW_SYN_RECV", points = 2) {
        at(15.ms) {
            listener.requests.single().state shouldBe TCP_NEW_SYN_RECV
            listener.acceptQueue shouldBe emptyList()
        }
    }
}

step("ACK") {
    check("client and child are ESTABLISHED after one round trip", points = 2) {
        at(30.ms) {
            conn.state shouldBe TCP_ESTABLISHED
            listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
            listener.requests shouldBe emptyList()
        }
    }
    check("the handshake took the kernel's path on the server", points = 2) {
        trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request", "inet_csk_reqsk_queue_hash_add",
            "tcp_v4_send_synack", "tcp_check_req", "tcp_v4_syn_recv_sock", "tcp_create_openreq_child",
            "inet_csk_complete_hashdance", "tcp_child_process")
    }
    check("three segments: S, SA, A", points = 1) {
        wire.flags() shouldBe listOf("S", "SA", "A")
        wire.times() shouldBeAbout listOf(0.ms, 10.ms, 20.ms)
    }
}
