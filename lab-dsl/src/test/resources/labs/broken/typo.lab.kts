title = "Does not compile"

check("uses an undefined name") {
    conection.state shouldBe 1
}
