// Lab 8: a SYN flood, and SYN cookies.
// Each SYN normally costs the listener a request sock (tcp_conn_request ->
// inet_csk_reqsk_queue_hash_add). inet_csk_reqsk_queue_is_full() is `qlen > backlog`, so
// listen(8) holds 9 request socks (checklist item 1). Then tcp_syn_flood_action decides:
//  * tcp_syncookies = 0: drop the SYN (TCPReqQFullDrop, ListenDrops);
//  * tcp_syncookies = 1 (default): answer with a cookie SYN-ACK (cookie_v4_init_sequence) and
//    keep no state; the ACK is validated by cookie_v4_check (SyncookiesRecv);
//  * tcp_syncookies = 2: cookies for every SYN, no request socks at all.
// reqsk_timer_handler's young/old pruning (checklist item 7): while more than half the queue is
// full of requests that already timed out, old requests get only 2 SYN-ACK retransmissions.
// Oracle: linux-handshake.md 3.2, 4.3, 5, 6; reference captures f1 (sc=1) and f2 (sc=0).
title = "SYN flood: request queue, syncookies 0/1/2, young/old pruning"

// As in f1/f2: the flood comes from the attacker's own address with 40 source ports; the
// attacker drops the RSTs its own kernel would send for the SYN-ACKs (iptables OUTPUT).
val attacker = host("attacker", "192.0.2.66")
val client = host("client", "192.0.2.1")
val sc0 = host("sc0", "192.0.2.10") { sysctl("net.ipv4.tcp_syncookies", 0) }
val sc1 = host("sc1", "192.0.2.11") { sysctl("net.ipv4.tcp_syncookies", 1) }
val sc2 = host("sc2", "192.0.2.12") { sysctl("net.ipv4.tcp_syncookies", 2) }
val servers = listOf(sc0, sc1, sc2)
lan("lan", attacker, client, sc0, sc1, sc2)
attacker.dropOutput("--tcp-flags RST RST") { it.tcp.rst }

val l0 = sc0.listen(5000, backlog = 8, accept = true)
val l1 = sc1.listen(5000, backlog = 8, accept = true)
val l2 = sc2.listen(5000, backlog = 8, accept = true)

// 40 crafted SYNs (mss 1460, sackOK, TS, wscale 7), 2 ms apart, to each server.
for (i in 0 until 40) {
    at((i * 2).ms) {
        servers.forEach { s ->
            attacker.inject(to = s, dstPort = 5000, flags = "S", srcPort = 20000 + i, seq = 1_000_000L + i * 7919L, synOptions = true)
        }
    }
}
// A real client connects to each server 0.5 s later.
val c0 = at(500.ms) { client.connect(sc0, 5000, nonBlocking = true) }
val c1 = client.connect(sc1, 5000, nonBlocking = true)
val c2 = client.connect(sc2, 5000, nonBlocking = true)

fun floodSynAcks(server: HostHandle) = wire.from(server).synAcks().to(attacker)

step("The request queue holds backlog + 1") {
    check("listen(8): 9 request socks (ss SYN-RECV) on sc0 and sc1, none on sc2", points = 2) {
        at(600.ms) {
            l0.requests.size shouldBe 9
            l1.requests.size shouldBe 9
            l2.requests.size shouldBe 0
            sc1.ss.count { it.ssState() == "SYN-RECV" } shouldBe 9
        }
    }
}

step("tcp_syncookies = 1: cookies once the queue is full") {
    check("the 31 SYNs beyond the 9th each got one cookie SYN-ACK; the real client too", points = 3) {
        sc1.counter("TcpExtTCPReqQFullDoCookies") shouldBe 32L
        sc1.counter("TcpExtSyncookiesSent") shouldBe 32L
        // the 9 requests' SYN-ACKs + the 31 cookie SYN-ACKs to the attacker so far
        floodSynAcks(sc1).size shouldBe 40
    }
    check("the real client completed at once with a cookie (SyncookiesRecv 1), and was accepted", points = 3) {
        c1.state shouldBe TCP_ESTABLISHED
        c1.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
        sc1.counter("TcpExtSyncookiesRecv") shouldBe 1L
        l1.accepted.size shouldBe 1
    }
    check("a cookie SYN-ACK looks like any SYN-ACK: mss 1460, sackOK, TS, wscale 10, window 65160", points = 1, hidden = true) {
        val sa = wire.from(sc1).synAcks().to(client).single()
        sa.options().startsWith("mss 1460,sackOK,TS") shouldBe true
        sa.options().endsWith("nop,wscale 10") shouldBe true
        sa.window() shouldBe 65160
    }
}

step("tcp_syncookies = 0: drop") {
    check("the 31 extra flood SYNs and the real client's SYNs are dropped: TCPReqQFullDrop = ListenDrops", points = 3) {
        at(6.5.s) {
            c0.state shouldBe TCP_SYN_SENT
            // 31 flood SYNs + the client's SYNs at 0.5, 1.5, 2.5, 3.5, 4.5, 5.5 s
            sc0.counter("TcpExtTCPReqQFullDrop") shouldBe 37L
            sc0.counter("TcpExtListenDrops") shouldBe 37L
            wire.from(sc0).to(client).size shouldBe 0
        }
    }
}

step("Young/old pruning") {
    check("at ~7 s five of the 9 requests expire after only 2 SYN-ACK retransmissions; 4 survive", points = 3) {
        at(6.9.s) { l1.requests.map { it.numRetrans } shouldBe List(9) { 2 } }
        at(7.5.s) {
            l1.requests.size shouldBe 4
            l0.requests.size shouldBe 4
        }
    }
    check("the survivors get a 3rd retransmission: TCPSynRetrans 22 at 10 s (as in f1 and f2)", points = 2) {
        at(10.s) {
            sc1.counter("TcpExtTCPSynRetrans") shouldBe 22L
            sc0.counter("TcpExtTCPSynRetrans") shouldBe 22L
            l1.requests.map { it.numRetrans } shouldBe List(4) { 3 }
        }
    }
    check("with sc=0 the real client gets in with its SYN at 7.5 s, once pruning freed slots", points = 2, hidden = true) {
        c0.state shouldBe TCP_ESTABLISHED
        wire.from(client).syns().to(sc0).size shouldBe 7
        c0.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
    }
}

step("tcp_syncookies = 2: always cookies") {
    check("every SYN got exactly one cookie SYN-ACK; no request sock, no retransmission", points = 2) {
        sc2.counter("TcpExtSyncookiesSent") shouldBe 41L
        sc2.counter("TcpExtTCPReqQFullDoCookies") shouldBe 41L
        sc2.counter("TcpRetransSegs") shouldBe 0L
        floodSynAcks(sc2).size shouldBe 40
        c2.state shouldBe TCP_ESTABLISHED
    }
}
