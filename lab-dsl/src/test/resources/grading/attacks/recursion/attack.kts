// Recurse without end.
fun deep(n: Long): Long = deep(n + 1) + 1

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        return deep(0).toString()
    }
}
