title = "Hello, lab"

check("arithmetic still works", points = 2) {
    1 + 1 shouldBe 2
}
check("the clock starts at zero") {
    now shouldBe 0.s
}
