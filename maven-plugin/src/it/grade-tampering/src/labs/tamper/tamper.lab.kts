title = "Implement the answer"

check("plain answer", points = 1) {
    submission.answer("q1") shouldBe "SYN"
}
check("implementation", points = 2) {
    val answer = submission.load<java.util.function.Supplier<String>>("answer.kts")
    answer.get() shouldBe "42"
}
