// What the reports need to show a firewall's drops, queues and causal order (NetworkLabTest):
// the client's INPUT chain drops SYN-ACKs, the server's OUTPUT chain drops its RSTs.
title = "Firewall drops and queues"
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 1) }
val other = host("other", "192.0.2.3")
val server = host("server", "192.0.2.2")
lan("lan", client, other, server)
client.dropInput("SYN,ACK") { it.tcp.synAck }
server.dropOutput("RST") { it.tcp.rst }
val listener = server.listen(80, backlog = 8)
val conn = client.connect(server, 80, nonBlocking = true)
val refused = other.connect(server, 81, nonBlocking = true)
val ok = at(100.ms) { other.connect(server, 80, nonBlocking = true) }

check("the request sock waits while its SYN-ACKs die at the client's firewall") {
    at(500.ms) {
        listener.requests.size shouldBe 1
        listener.acceptQueue.size shouldBe 1
    }
}
check("accept() empties the accept queue") {
    at(2.s) { expectThat(listener.accept() != null) { "nothing to accept" } }
    listener.acceptQueue.size shouldBe 0
}
