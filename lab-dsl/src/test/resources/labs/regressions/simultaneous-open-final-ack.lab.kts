// linux-handshake.md 10.1: after the crossing SYN-ACKs each side (now ESTABLISHED) sends an ACK.
val a = host("a", "192.0.2.1")
val b = host("b", "192.0.2.2")
link(a, b) { delay = 5.ms }
val x = a.connect(b, 6000, nonBlocking = true, bindPort = 5555)
val y = b.connect(a, 5555, nonBlocking = true, bindPort = 6000)
check("S, S, SA, SA, then an ACK from each side") {
    runUntil(1.s)
    x.state shouldBe TCP_ESTABLISHED
    y.state shouldBe TCP_ESTABLISHED
    wire.from(a).flags() shouldBe listOf("S", "SA", "A")
    wire.from(b).flags() shouldBe listOf("S", "SA", "A")
}
