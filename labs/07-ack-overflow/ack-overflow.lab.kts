// Lab 7: the third ACK arrives when the accept queue is full.
// tcp_check_req -> tcp_v4_syn_recv_sock finds sk_acceptq_is_full(): ListenOverflows++ and
// ListenDrops++, no child. What happens next depends on net.ipv4.tcp_abort_on_overflow
// (label listen_overflow in tcp_check_req, checklist item 3):
//  * 0 (default): the ACK is dropped and the request sock is KEPT with acked = 1. The client
//    believes it is connected; the server keeps retransmitting SYN-ACKs (reqsk_timer_handler),
//    and each challenge ACK the client sends back is another try. If the retries run out the
//    request vanishes silently and the client's data later gets a RST.
//  * 1: a RST (seq = the ACK's ack number, no ACK flag) goes out at once, the request is removed,
//    EmbryonicRsts++.
// Oracle: linux-handshake.md 3.4 and 5; reference capture e4 (e4_ack_overflow_abort0).
title = "Accept-queue overflow on the final ACK: tcp_abort_on_overflow"

val client = host("client", "192.0.2.1")
val keep = host("keep", "192.0.2.2") {
    sysctl("net.ipv4.tcp_synack_retries", 3)
    sysctl("net.ipv4.tcp_abort_on_overflow", 0)
}
val abort = host("abort", "192.0.2.3") {
    sysctl("net.ipv4.tcp_synack_retries", 3)
    sysctl("net.ipv4.tcp_abort_on_overflow", 1)
}
lan("lan", client, keep, abort)

// listen(1), never accept(): the queue holds backlog + 1 = 2 connections (lab 6).
val keepListener = keep.listen(5000, backlog = 1)
val abortListener = abort.listen(5000, backlog = 1)

// conn #1 fills one slot at 0 s. Pure ACKs are dropped from 0.5 s to 1.5 s, so conns #2 and #3
// (1.0 s, 1.005 s) only get request socks; their ACKs come back with the SYN-ACK retransmission.
val k1 = client.connect(keep, 5000, nonBlocking = true)
val a1 = client.connect(abort, 5000, nonBlocking = true)
at(500.ms) {
    keep.dropInput("--tcp-flags ALL ACK") { it.tcp.pureAck }
    abort.dropInput("--tcp-flags ALL ACK") { it.tcp.pureAck }
}
val k2 = at(1.s) { client.connect(keep, 5000, nonBlocking = true) }
val a2 = client.connect(abort, 5000, nonBlocking = true)
val k3 = at(1.005.s) { client.connect(keep, 5000, nonBlocking = true) }
val a3 = client.connect(abort, 5000, nonBlocking = true)
at(1.5.s) {
    keep.flushFirewall()
    abort.flushFirewall()
}

step("Before the overflow") {
    check("the client thinks all three connections are ESTABLISHED; the server has 1 child and 2 requests", points = 2) {
        at(1.9.s) {
            listOf(k1, k2, k3).map { it.state } shouldBe listOf(TCP_ESTABLISHED, TCP_ESTABLISHED, TCP_ESTABLISHED)
            keepListener.acceptQueue.size shouldBe 1
            keepListener.requests.size shouldBe 2
        }
    }
}

step("tcp_abort_on_overflow = 0: keep the request") {
    check("at the first SYN-ACK retransmission one ACK completes (2nd slot), the other overflows", points = 3) {
        at(2.5.s) {
            keepListener.acceptQueue.size shouldBe 2
            keep.counter("TcpExtListenOverflows") shouldBe 1L
            keep.counter("TcpExtListenDrops") shouldBe 1L
            val req = keepListener.requests.single()
            req.acked shouldBe true
            wire.from(keep).rsts().size shouldBe 0
        }
    }
    check("the kept request retransmits its SYN-ACK at ~4 s and ~8 s; each answer overflows again", points = 2) {
        at(10.s) {
            keep.counter("TcpExtListenOverflows") shouldBe 3L
            keepListener.requests.single().numRetrans shouldBe 3
        }
    }
    check("after 3 retransmissions (~16 s) the request is gone, silently", points = 2) {
        at(18.s) {
            keepListener.requests shouldBe emptyList()
            wire.from(keep).rsts().size shouldBe 0
        }
    }
    check("the loser's data at 20 s gets RST (seq = its ack, no ACK flag): ECONNRESET", points = 3, hidden = true) {
        val loser = listOf(k2, k3).single { c -> keep.ss.none { it.peer().endsWith(":${c.localPort}") } }
        at(20.s) { listOf(k1, k2, k3).forEach { it.send("data!") shouldBe OK } }
        runUntil(20.1.s)
        val rst = wire.from(keep).rsts().single()
        rst.flags() shouldBe "R"
        rst.dstPort() shouldBe loser.localPort
        loser.state shouldBe TCP_CLOSE
        loser.soError() shouldBe ECONNRESET
        // the two queued children ACKed their data, un-accepted
        listOf(k1, k2, k3).count { it.state == TCP_ESTABLISHED } shouldBe 2
    }
    check("the client counted a challenge ACK (InErrs) for each retransmitted SYN-ACK", points = 1, hidden = true) {
        // from `keep`: 2 at ~2 s, 1 at ~4 s, 1 at ~8 s (capture e4: TcpInErrs=4);
        // from `abort`: 2 at ~2 s, then its overflowing request is gone.
        wire.from(keep).synAcks().size shouldBe 3 + 4
        wire.from(abort).synAcks().size shouldBe 3 + 2
        client.counter("TcpExtTCPSYNChallenge") shouldBe 6L
        client.counter("TcpExtTCPChallengeACK") shouldBe 6L
        client.counter("TcpInErrs") shouldBe 6L
    }
}

step("tcp_abort_on_overflow = 1: reset at once") {
    check("the overflowing ACK is answered by a RST (no ACK flag) and the request removed", points = 3) {
        val rst = wire.from(abort).rsts().first()
        rst.flags() shouldBe "R"
        rst.timeNanos() shouldBeIn 2_000_000_000L..2_300_000_000L
        abort.counter("TcpExtEmbryonicRsts") shouldBe 1L
        abort.counter("TcpExtListenOverflows") shouldBe 1L
        abortListener.requests shouldBe emptyList()
    }
    check("the client's connection is reset: the RST's seq is exactly its rcv_nxt", points = 2) {
        val loser = listOf(a2, a3).single { it.state == TCP_CLOSE }
        loser.states.last() shouldBe TCP_CLOSE
        loser.soError() shouldBe ECONNRESET
        abortListener.acceptQueue.size shouldBe 2
    }
}
