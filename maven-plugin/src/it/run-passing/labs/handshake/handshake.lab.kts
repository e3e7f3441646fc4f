// A network lab, as users write them: two hosts, a link, a connection.
title = "Handshake over a 10 ms link"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms }
val listener = server.listen(80)
val conn = client.connect(server, 80, nonBlocking = true)

check("the client is ESTABLISHED after one round trip", points = 2) {
    at(30.ms) { conn.state shouldBe TCP_ESTABLISHED }
}
check("three segments on the wire: S, SA, A") {
    wire.flags() shouldBe listOf("S", "SA", "A")
    listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
}
