// Exercise: write the ISN generator. Linux picks a connection's initial sequence number with
// secure_tcp_seq_and_ts_off() (net/core/secure_seq.c): a keyed hash (SipHash with a boot-time
// secret) of the 4-tuple, plus a clock that ticks every 64 ns (seq_scale). RFC 6528 asks for
// exactly that: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), M a timer.
//
// Your submission is isn.kts: a Kotlin script whose last expression is an object implementing
// dev.tcplab.stack.tcp.Tcp.IsnHook. The lab installs it in the client's TCP (the hook
// stack-core exposes for this) and checks what the kernel would need from it.
import dev.tcplab.stack.tcp.Tcp
import dev.tcplab.stack.wire.Ipv4Address

title = "Exercise: an ISN generator (RFC 6528)"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 1.ms }
server.listen(80, accept = true)

val generator: Tcp.IsnHook by lazy { implementation<Tcp.IsnHook>("isn.kts") }
val c = Ipv4Address.parse("192.0.2.1")
val s = Ipv4Address.parse("192.0.2.2")
fun isn(sport: Int, at: VDuration) = generator.isn(c, s, sport, 80, at.nanos)
    ?: fail("an ISN", null, "isn() returned null: the kernel's default would be used")

step("Your generator") {
    check("isn.kts loads and returns an ISN", points = 1) {
        isn(40000, 0.ms)
    }
    check("the same 4-tuple at the same time gives the same ISN (no hidden randomness)", points = 1) {
        isn(40000, 5.ms) shouldBe isn(40000, 5.ms)
    }
    check("different 4-tuples get unrelated ISNs (not a counter shared by all connections)", points = 2) {
        val a = isn(40000, 0.ms).toLong() and 0xFFFFFFFFL
        val b = isn(40002, 0.ms).toLong() and 0xFFFFFFFFL
        val d = isn(40004, 0.ms).toLong() and 0xFFFFFFFFL
        expectThat(a != b && b != d) { "two 4-tuples got the same ISN" }
        expectThat(b - a != d - b) { "ISNs step by a constant between ports: guessable" }
    }
    check("for one 4-tuple the ISN moves forward with time (the M of RFC 6528)", points = 2) {
        val t0 = isn(40000, 0.ms)
        val t1 = isn(40000, 1.s)
        val advance = (t1 - t0).toLong() and 0xFFFFFFFFL
        expectThat(advance in 1..0x7FFFFFFFL) { "after 1 s the ISN moved by $advance (expected a forward step)" }
    }
}

step("In the kernel") {
    check("the client's SYN carries your ISN and the handshake completes", points = 2) {
        client.host.tcp().setIsnHook(generator)
        val conn = client.connect(server, 80, bindPort = 40010)
        runUntil(now + 100.ms)
        conn.state shouldBe TCP_ESTABLISHED
        val syn = wire.from(client).syns().single()
        syn.seq() shouldBe (isn(40010, VDuration(syn.timeNanos())).toLong() and 0xFFFFFFFFL)
    }
    check("data flows with your sequence numbers", points = 1, hidden = true) {
        val conn = client.connect(server, 80, bindPort = 40012)
        runUntil(now + 100.ms)
        conn.send("ping") shouldBe OK
        runUntil(now + 100.ms)
        val syn = wire.from(client).syns().last()
        syn.seq() shouldBe (isn(40012, VDuration(syn.timeNanos())).toLong() and 0xFFFFFFFFL)
        server.counter("TcpPassiveOpens") shouldBe 2L
    }
}
