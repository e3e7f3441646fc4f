// The reference solution knows what the instructor knows.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String = when (q) {
        "2+2" -> "4"
        "secret" -> "SECRET-4d2e81aa90c7"
        "hidden" -> "HIDDEN-7f3a9c51e2"
        else -> "?"
    }
}
