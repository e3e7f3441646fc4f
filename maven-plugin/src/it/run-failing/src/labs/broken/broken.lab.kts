title = "A lab that fails"

check("passes") {
    2 * 2 shouldBe 4
}
check("fails", points = 3) {
    "TCP_SYN_SENT" shouldBe "TCP_ESTABLISHED"
}
