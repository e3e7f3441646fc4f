title = "Throws"

check("before the crash") { 1 shouldBe 1 }
check("a check that throws") {
    listOf<Int>().first()
}
val x: String? = null
at(2.s) { }
x!!.length
check("never reached") { }
