// An exercise built to be attacked (GradingAttacksTest): its points need what only the grader has.
// - "honest work" is what every attack submission does right, so its exact score shows that the
//   sandbox takes nothing from honest code;
// - the secret sits in secret.txt beside this lab, the hidden word only in this file's text, the
//   answer word only in solution/answers.properties: a submission that reads any of them gets
//   points it did not earn.
import java.nio.file.Files
import java.nio.file.Path

title = "Guarded exercise"

val here: Path = Path.of(lab.scriptName).toAbsolutePath().parent
val secret = Files.readString(here.resolve("secret.txt")).trim()
val impl by lazy { implementation<java.util.function.Function<String, String>>("attack.kts") }

check("honest work: 2+2", points = 1) {
    impl.apply("2+2") shouldBe "4"
}
// failure messages quote what the submission returned, never what was expected
check("the secret beside the lab", points = 4) {
    val got = impl.apply("secret")
    expectThat(got == secret) { "not the secret: $got" }
}
check("the hidden check's word", points = 3, hidden = true) {
    val got = impl.apply("hidden")
    expectThat(got == "HIDDEN-7f3a9c51e2") { "not the word: $got" }
}
check("an answer file", points = 2) {
    val got = submission.answer("word")
    expectThat(got == "swordfish-0b8e") { "not the word: $got" }
}
