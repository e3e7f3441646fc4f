title = "Fine"
check("fine") { now shouldBe 0.s }
