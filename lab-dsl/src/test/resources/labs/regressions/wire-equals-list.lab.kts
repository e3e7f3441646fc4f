// Wire is a List<WirePacket> by delegation, but equals() is not delegated.
val a = host("a", "192.0.2.1")
val b = host("b", "192.0.2.2")
link(a, b)
b.listen(80)
a.connect(b, 80)
check("no RST on a normal handshake, compared as a list") {
    runUntil(1.s)
    wire.rsts() shouldBe emptyList()
}
