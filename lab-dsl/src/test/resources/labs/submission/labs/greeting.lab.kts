title = "Greetings from a submission"

check("answer q1", points = 1) {
    submission.answer("q1") shouldBe "SYN"
}
check("parameters with defaults") {
    submission.param("retries", 3) shouldBe 5
    submission.param("rto", 1.s) shouldBe 200.ms
    submission.param("absent", "default") shouldBe "default"
}
check("the implementation greets", points = 2) {
    val greeter = implementation<java.util.function.UnaryOperator<String>>("greeter.kts")
    greeter.apply("server") shouldBe "hello, server"
}
