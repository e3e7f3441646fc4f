// under solution/: never run as a lab (always excluded)
title = "Unfinished"
check("not yet true") { 1 shouldBe 2 }
