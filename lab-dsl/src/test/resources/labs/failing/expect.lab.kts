title = "A failing expectation"

check("passes first") {
    1 + 1 shouldBe 2
}
check("handshake state", points = 3) {
    at(1500.ms) {
        val state = "TCP_SYN_SENT"
        state shouldBe "TCP_ESTABLISHED"
    }
}
check("too late") {
    var n = 0
    eventually(within = 2.s) { n++; n shouldBe 100 }
}
check("still runs after failures") {
    now shouldBe 3.5.s
}
