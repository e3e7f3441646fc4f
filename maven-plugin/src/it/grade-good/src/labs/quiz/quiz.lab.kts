title = "Handshake quiz"

check("half-open state", points = 2) {
    submission.answer("half_open_state") shouldBe "TCP_NEW_SYN_RECV"
}
check("SYN retries", points = 1) {
    submission.param("tcp_syn_retries", 0) shouldBe 6
}
check("initial RTO", points = 1, hidden = true) {
    submission.param("initial_rto", 0.s) shouldBe 1.s
}
