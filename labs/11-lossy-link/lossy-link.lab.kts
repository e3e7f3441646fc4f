// Lab 11: reliable delivery over a lossy link.
// TCP numbers every byte; a segment that is lost is sent again, by the retransmission timer
// (tcp_retransmit_timer, RTO >= TCP_RTO_MIN 200 ms) or by fast retransmit when duplicate
// ACKs/SACKs show a hole. Whatever the loss pattern, the receiver's application gets every byte
// exactly once and in order. Counters: a retransmission counts in RetransSegs, NOT in OutSegs
// (linux-handshake.md 11, checklist item 16).
// Loss models (netem vocabulary): `loss p` drops each frame independently (Bernoulli);
// `loss gemodel p r` (Gilbert-Elliott) has a good and a bad state, so losses come in bursts.
// The run is deterministic: the lab's seed fixes every random drop (try `--seed 7`).
title = "Reliable delivery over a lossy link"

val data = ByteArray(200_000) { ('a' + it * 31 % 26).code.toByte() } // ASCII, so `received` (text) has one char per byte

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms; loss(0.05, from = client) }

val burstyClient = host("bursty-client", "198.51.100.1")
val burstyServer = host("bursty-server", "198.51.100.2")
link(burstyClient, burstyServer) { delay = 10.ms; gilbertElliott(p = 0.02, r = 0.3, from = burstyClient) }

val synClient = host("syn-client", "203.0.113.1")
val synServer = host("syn-server", "203.0.113.2")
link(synClient, synServer) { delay = 10.ms; drop(first = 1, from = synClient) { it.tcp.syn } }

val listener = server.listen(80, accept = true)
val burstyListener = burstyServer.listen(80, accept = true)
synServer.listen(80, accept = true)

val conn = client.connect(server, 80)
val bursty = burstyClient.connect(burstyServer, 80)
val synConn = synClient.connect(synServer, 80)

/** Data segments from [host] whose sequence number had been sent before: retransmissions. */
fun retransmissions(host: HostHandle): Int {
    val seen = HashSet<Long>()
    return wire.from(host).data().count { !seen.add(it.seq()) }
}

/** Every data segment lost on the wire was later sent again and delivered. */
fun everyLossRepaired(host: HostHandle) {
    val segs = wire.from(host).data()
    for (lost in segs.dropped()) {
        expectThat(segs.any { it.seq() == lost.seq() && it.delivered() && it.timeNanos() > lost.timeNanos() }) {
            "the segment seq ${lost.relSeq()} lost at ${VDuration(lost.timeNanos())} was never delivered again"
        }
    }
}

step("A lost SYN") {
    check("the first SYN is lost: connect() succeeds after the 1 s SYN timeout", points = 2) {
        eventually(within = 2.s) { synConn.state shouldBe TCP_ESTABLISHED }
        synConn.connectedAt!! shouldBeIn 1.02.s..(1.13).s + 20.ms
        wire.from(synClient).syns().size shouldBe 2
    }
}

step("Bernoulli loss, 5 %") {
    check("all 200,000 bytes arrive, intact and in order", points = 3) {
        eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED; bursty.state shouldBe TCP_ESTABLISHED }
        conn.send(data) shouldBe OK
        bursty.send(data) shouldBe OK
        // (if the third ACK was lost, the server's child appears only with the first data segment)
        eventually(within = 60.s) {
            listener.accepted.size shouldBe 1
            listener.accepted.single().received.length shouldBe data.size
        }
        val child = listener.accepted.single()
        child.received shouldBe String(data, Charsets.UTF_8)
    }
    check("frames were lost, and every lost data segment was retransmitted and delivered", points = 2) {
        expectThat(wire.from(client).dropped().size > 0) { "no frame was lost: the loss fault did not act" }
        everyLossRepaired(client)
    }
    check("RetransSegs counts exactly the retransmitted segments; OutSegs does not include them", points = 3) {
        client.counter("TcpRetransSegs") shouldBe retransmissions(client).toLong()
        client.counter("TcpOutSegs") + client.counter("TcpRetransSegs") shouldBe wire.from(client).size.toLong()
    }
}

step("Bursty (Gilbert-Elliott) loss") {
    check("all bytes arrive despite bursts of loss; every loss repaired", points = 3) {
        eventually(within = 60.s) {
            burstyListener.accepted.size shouldBe 1
            burstyListener.accepted.single().received.length shouldBe data.size
        }
        val child = burstyListener.accepted.single()
        child.received shouldBe String(data, Charsets.UTF_8)
        everyLossRepaired(burstyClient)
    }
    check("the same accounting holds: OutSegs + RetransSegs = segments sent", points = 1, hidden = true) {
        burstyClient.counter("TcpRetransSegs") shouldBe retransmissions(burstyClient).toLong()
        burstyClient.counter("TcpOutSegs") + burstyClient.counter("TcpRetransSegs") shouldBe wire.from(burstyClient).size.toLong()
    }
}
