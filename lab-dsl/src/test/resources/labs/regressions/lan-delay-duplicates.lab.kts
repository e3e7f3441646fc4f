// Wire.kt promises "each packet is counted once"; on a lan with a delay it is counted twice.
val a = host("a", "192.0.2.1")
val b = host("b", "192.0.2.2")
lan("lan", a, b) { delay = 1.ms }
b.listen(80)
a.connect(b, 80)
check("a handshake is three packets on a lan with delay") {
    runUntil(1.s)
    wire.flags() shouldBe listOf("S", "SA", "A")
}
