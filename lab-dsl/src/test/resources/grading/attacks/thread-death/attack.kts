// Never return, and refuse to be stopped: every Throwable (ThreadDeath, interrupts) is caught.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        while (true) {
            try { Thread.sleep(10) } catch (t: Throwable) { }
        }
    }
}
