title = "Needs a unicorn"
check("runs before the lab skips") {
    1 shouldBe 1
}
skipLab("no unicorn on this machine: apt-get install -y unicorn")
check("never runs") {
    1 shouldBe 2
}
