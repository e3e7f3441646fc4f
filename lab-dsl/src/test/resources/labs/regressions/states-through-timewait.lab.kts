// Connection.states should list the whole life of the connection, including TIME_WAIT
// (Connection.state already reports TCP_TIME_WAIT).
val a = host("a", "192.0.2.1")
val b = host("b", "192.0.2.2")
link(a, b) { delay = 10.ms }
val l = b.listen(80, accept = true)
val c = a.connect(b, 80)
at(100.ms) { c.close() }
at(300.ms) { l.accepted.single().close() }
check("the active closer's states end in TIME_WAIT") {
    runUntil(1.s)
    c.state shouldBe TCP_TIME_WAIT
    c.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED, TCP_FIN_WAIT1, TCP_FIN_WAIT2, TCP_TIME_WAIT)
}
