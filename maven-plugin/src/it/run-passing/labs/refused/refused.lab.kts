title = "Nobody listens"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 5.ms }
val conn = client.connect(server, 9, nonBlocking = true)

check("a SYN to a closed port is answered by a RST", points = 2) {
    at(20.ms) {
        conn.state shouldBe TCP_CLOSE
        conn.soError() shouldBe ECONNREFUSED
    }
    wire.flags() shouldBe listOf("S", "AR")
}
