title = "End actions run after an error"
lab.onEnd { java.io.File(System.getProperty("tcplab.test.marker")).writeText("cleaned up") }
check("fine") { 1 shouldBe 1 }
error("the lab breaks")
