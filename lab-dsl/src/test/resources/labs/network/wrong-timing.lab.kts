title = "A wrong expectation about the wire"
val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms }
val conn = client.connect(server, 81)
check("the RST arrives after one round trip") {
    runUntil(1.s)
    conn.errno shouldBe ECONNREFUSED
    wire.rsts().times() shouldBeAbout listOf(20.ms)
}
