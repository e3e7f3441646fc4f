title = "A lab that fails"

val client = host("client", "192.0.2.1")
val server = host("server", "192.0.2.2")
link(client, server) { delay = 10.ms }
server.listen(80)
val conn = client.connect(server, 80, nonBlocking = true)

check("fails", points = 3) {
    // wrong on purpose: after half a round trip the client still waits for the SYN-ACK
    at(5.ms) { conn.state shouldBe TCP_ESTABLISHED }
}
check("passes") {
    at(30.ms) { conn.state shouldBe TCP_ESTABLISHED }
}
