// Lab 4: the SYN-ACK is lost.
// The server keeps a request sock (TCP_NEW_SYN_RECV, in ehash) with its own timer
// (reqsk_timer_handler: SYN-ACK again at 1, 3, 7, 15, 31 s). The client keeps retransmitting its
// SYN; tcp_check_req recognises each one as a retransmitted SYN (seq == rcv_isn) and
// (checklist item 6) answers at once with inet_rtx_syn_ack AND pushes the request timer back to
// now + (1 s << num_timeout). When both coincide, two identical SYN-ACKs leave back to back.
// Oracle: linux-handshake.md 3.4 and 4.3, reference capture c2 (c2_synack_dropped_at_client).
title = "SYN-ACK loss: duplicate SYNs and the request timer"

val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 3) }
val late = host("late", "192.0.2.3")
val server = host("server", "192.0.2.2")
val server2 = host("server2", "192.0.2.4")
lan("lan", client, late, server, server2)

// iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP on both clients, as in c2.
// The SYN-ACKs are on the wire (tcpdump sees them) but the clients' TCP never gets them.
client.dropInput("SYN,ACK") { it.tcp.synAck }
late.dropInput("SYN,ACK") { it.tcp.synAck }

val listener = server.listen(5000, backlog = 128)
val listener2 = server2.listen(5000, backlog = 128)
val conn = client.connect(server, 5000)
val conn2 = late.connect(server2, 5000)

fun VDuration.inRtt(): ClosedRange<VDuration> = this..this + 10.ms

step("The server's half-open connection") {
    check("after the first SYN the server holds a request sock, shown by ss as SYN-RECV", points = 2) {
        at(500.ms) {
            val req = server.ss.filter { it.kind() == "request" && it.peer().endsWith(":${conn.localPort}") }.single()
            req.state() shouldBe TCP_NEW_SYN_RECV
            req.ssState() shouldBe "SYN-RECV"
            listener.acceptQueue shouldBe emptyList()
        }
    }
    check("a duplicate SYN pushes the request timer back to now + 2 s (checklist item 6)", points = 3) {
        at(2.5.s) {
            // SYN #3 arrived at ~2.0 s with num_timeout = 1: mod_timer_pending(now + 1 s << 1).
            // Without the push-back the timer would fire at ~3 s (1 s << 1 after the 1 s firing).
            val req = listener.requests.single { it.remotePort == conn.localPort }
            req.numTimeout shouldBe 1
            val lastSyn = wire.from(client).syns().times().last()
            lastSyn shouldBeIn 2.s..2.3.s
            req.timer!!.shouldBeAbout(lastSyn + 2.s, 10.ms)
        }
    }
}

step("When a SYN-ACK finally gets through") {
    check("late: the firewall is flushed at 3.5 s, the SYN at 4 s completes the handshake", points = 2) {
        at(3.5.s) { late.flushFirewall() }
        eventually(within = 2.s) { conn2.state shouldBe TCP_ESTABLISHED }
        conn2.connectedAt!! shouldBeIn 4.s..(4 * 1.13).s
        // tcp_check_req -> tcp_v4_syn_recv_sock -> inet_csk_complete_hashdance: the request
        // sock is replaced by a full child socket that waits in the accept queue.
        eventually(within = 10.ms) {
            listener2.requests shouldBe emptyList()
            listener2.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
        }
    }
}

step("Every SYN gets a SYN-ACK at once") {
    check("each retransmitted SYN is answered within one round trip", points = 2) {
        runUntil(25.s)
        val synAcks = wire.to(client).synAcks().times()
        for (t in wire.from(client).syns().times()) {
            expectThat(synAcks.any { it in t.inRtt() }) { "no SYN-ACK answered the SYN sent at $t" }
        }
    }
    check("8 SYNs produced 12 SYN-ACKs, all with the same ISN (as in capture c2)", points = 2) {
        wire.from(client).syns().size shouldBe 8
        val synAcks = wire.to(client).synAcks()
        synAcks.size shouldBe 12
        synAcks.map { it.seq() }.toSet().size shouldBe 1
    }
    check("the client, which never saw a SYN-ACK, still gives up with ETIMEDOUT at 19 s", points = 1) {
        conn.errno shouldBe ETIMEDOUT
        conn.connectedAt!! shouldBeIn 19.s..(19 * 1.13).s
    }
}

step("Counting SYN-ACKs") {
    check("server: OutSegs counts every SYN-ACK (12), RetransSegs 11, TCPTimeouts counts timer firings (4)", points = 3, hidden = true) {
        server.counter("TcpInSegs") shouldBe 8L
        server.counter("TcpOutSegs") shouldBe 12L
        server.counter("TcpRetransSegs") shouldBe 11L
        server.counter("TcpExtTCPSynRetrans") shouldBe 11L
        server.counter("TcpExtTCPTimeouts") shouldBe 4L
    }
}

