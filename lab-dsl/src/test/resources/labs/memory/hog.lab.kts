title = "Asks for too much memory"
check("before") { }
val huge = LongArray(Int.MAX_VALUE - 2)
check("never") { huge.size shouldBe 0 }
