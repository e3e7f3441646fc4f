// Lab 6: the accept queue and listen()'s backlog.
// A completed connection waits in the listener's accept queue until accept() takes it
// (inet_csk_complete_hashdance appends it; inet_csk_accept removes it). sk_acceptq_is_full() is
// `sk_ack_backlog > sk_max_ack_backlog` - strictly greater - so listen(N) admits N+1
// connections (checklist item 1). When it is full, tcp_conn_request drops a new SYN SILENTLY
// (checklist item 2): no SYN-ACK, no RST; ListenOverflows and ListenDrops count it, and the client
// just retransmits on its normal schedule. `ss` shows the queue on the LISTEN row: Recv-Q = queue
// length, Send-Q = backlog (checklist item 15).
// Oracle: linux-handshake.md 3.1, 5; reference capture e0 (e0_sequential_sc1).
title = "The accept queue: listen(1) holds two connections"

val server = host("server", "192.0.2.2")
// A second server with tcp_syncookies = 2 (capture e0 sc=2): the same limit applies.
val cookieServer = host("cookies", "192.0.2.3") { sysctl("net.ipv4.tcp_syncookies", 2) }
val clients = (1..4).map { host("client$it", "192.0.2.${10 + it}") }
lan("lan", server, cookieServer, *clients.toTypedArray())

// listen(1) and never accept(), as in e0.
val listener = server.listen(5000, backlog = 1)
val cookieListener = cookieServer.listen(5000, backlog = 1)

// The clients connect 0.5 s apart and send "hi-N" as soon as they are connected.
val both = clients.mapIndexed { i, c ->
    at((i * 500).ms) { c.connect(server, 5000, nonBlocking = true) to c.connect(cookieServer, 5000, nonBlocking = true) }
}
val conns = both.map { it.first }
val cookieConns = both.map { it.second }

step("Backlog + 1") {
    check("listen(1): two connections complete, the third and fourth stay in SYN-SENT", points = 3) {
        at(2.s) {
            conns[0].state shouldBe TCP_ESTABLISHED
            conns[1].state shouldBe TCP_ESTABLISHED
            conns[2].state shouldBe TCP_SYN_SENT
            conns[3].state shouldBe TCP_SYN_SENT
            listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED, TCP_ESTABLISHED)
        }
    }
    check("ss: the LISTEN row shows Recv-Q 2 (queue length) and Send-Q 1 (the backlog)", points = 2) {
        val row = server.ss.single { it.state() == TCP_LISTEN }
        row.recvQ() shouldBe 2
        row.sendQ() shouldBe 1
        listener.backlog shouldBe 1
    }
}

step("tcp_syncookies = 2 does not lift the accept-queue limit") {
    check("with cookies for every SYN, still 2 connections; TCPReqQFullDoCookies (14) > SyncookiesSent (2)", points = 2, hidden = true) {
        at(7.s) {
            cookieConns.map { it.state } shouldBe listOf(TCP_ESTABLISHED, TCP_ESTABLISHED, TCP_SYN_SENT, TCP_SYN_SENT)
            cookieListener.requests shouldBe emptyList() // cookies: no request socks
            // capture e0 sc=2: TCPReqQFullDoCookies is counted for every SYN, before the
            // accept-queue check drops 12 of them (checklist item 16)
            cookieServer.counter("TcpExtTCPReqQFullDoCookies") shouldBe 14L
            cookieServer.counter("TcpExtSyncookiesSent") shouldBe 2L
            cookieServer.counter("TcpExtSyncookiesRecv") shouldBe 2L
            cookieServer.counter("TcpExtListenOverflows") shouldBe 12L
        }
    }
}

step("A full queue drops SYNs silently") {
    check("clients 3 and 4 get neither a SYN-ACK nor a RST", points = 3) {
        runUntil(9.s)
        wire.from(server).to(clients[2]).size shouldBe 0
        wire.from(server).to(clients[3]).size shouldBe 0
        wire.rsts().size shouldBe 0
    }
    check("they retransmit on the normal schedule: 7 SYNs each by 9 s", points = 1) {
        wire.from(clients[2]).syns().to(server).size shouldBe 7
        wire.from(clients[3]).syns().to(server).size shouldBe 7
    }
    check("ListenOverflows counts each dropped SYN (14), ListenDrops too; no request sock was made", points = 2) {
        server.counter("TcpExtListenOverflows") shouldBe 14L
        server.counter("TcpExtListenDrops") shouldBe 14L
        listener.requests shouldBe emptyList()
    }
}

step("Queued connections are already ESTABLISHED") {
    check("the un-accepted children ACKed and buffered the clients' data (ss Recv-Q 4)", points = 2) {
        conns[0].send("hi-1") shouldBe OK
        conns[1].send("hi-2") shouldBe OK
        runUntil(9.5.s)
        val children = server.ss.filter { it.state() == TCP_ESTABLISHED }
        children.map { it.recvQ() } shouldBe listOf(4, 4)
        // the clients' data was ACKed by the children even though nobody called accept()
        wire.from(server).pureAcks().size shouldBe 2
    }
}

step("accept() makes room") {
    check("after one accept() at 9.5 s, client 3's next SYN (12 s) completes; client 4's (12.5 s) is dropped again", points = 3, hidden = true) {
        val first = listener.accept()!!
        first.received shouldBe "hi-1"
        runUntil(17.s)
        conns[2].state shouldBe TCP_ESTABLISHED
        conns[3].state shouldBe TCP_SYN_SENT
        listener.acceptQueue.size shouldBe 2
        server.counter("TcpExtListenOverflows") shouldBe 15L
    }
}

step("Closing the listener") {
    check("close() on the listener resets every un-accepted child with RST|ACK", points = 2, hidden = true) {
        listener.close()
        runUntil(17.1.s)
        val resets = wire.from(server).rsts()
        resets.flags() shouldBe listOf("AR", "AR")
        server.counter("TcpEstabResets") shouldBe 2L
    }
}
