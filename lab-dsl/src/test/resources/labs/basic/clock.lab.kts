// Everything a lab without a network can do: clock, steps, points, assertions.
title = "Virtual clock basics"
seed = 42

check("starts at zero") {
    now shouldBe 0.s
}

step("moving forward") {
    check("at() moves the clock", points = 2) {
        at(1.5.s) { now shouldBe 1500.ms }
    }
    check("after() adds to now", points = 0.5) {
        after(250.ms) { now shouldBeAbout 1.75.s }
    }
}

check("units and arithmetic", hidden = true) {
    (10.ms + 200.us) shouldBe 10_200.us
    (3 * 10.ms) shouldBeIn 29.ms..31.ms
    listOf(10.ms, 1.01.s, 3.01.s).shouldBeAbout(listOf(10.ms, 1.s, 3.s), tolerance = 20.ms)
    0.1 + 0.2 shouldBeAbout 0.3
    listOf("tcp_v4_rcv", "x", "tcp_conn_request", "y") shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request")
    "b" shouldBeIn listOf("a", "b")
    "a" shouldNotBe "b"
    expectThat(now > 1.s) { "the clock went backwards" }
}

check("the seed is the lab's own unless the run sets one") {
    seed shouldBeIn listOf(42L, 7L)
}
