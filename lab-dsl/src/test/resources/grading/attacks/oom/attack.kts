// Exhaust memory.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val hog = ArrayList<LongArray>()
        while (true) hog += LongArray(1 shl 20)
    }
}
