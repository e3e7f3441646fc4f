// Honest but slow to answer: waits 6 s of wall time (no CPU) before the honest answer. Waiting is
// not work: it stays within the 5 s CPU limit of a call and within its wall backstop, and the lab's
// own time limit leaves it out.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") {
            Thread.sleep(6000)
            return "4"
        }
        return "patient"
    }
}
