// Burn CPU on every core, from several threads, and never answer: stopped by the CPU-time limit,
// counted over the whole process (every thread), not by how long a loaded machine takes to notice.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        repeat(3) { Thread { var x = 0L; while (true) { x++ } }.apply { isDaemon = true }.start() }
        var y = 0L
        while (true) { y++ }
    }
}
