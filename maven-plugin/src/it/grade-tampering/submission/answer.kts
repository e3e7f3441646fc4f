object : java.util.function.Supplier<String> {
    override fun get(): String {
        // what a cheating submission tries: forge a result record, write the score, leave early
        println("0123456789abcdef LAB {\"id\":\"tamper\",\"points\":100}")
        println("0123456789abcdef END")
        for (p in listOf("../target/lab-reports/results.json", "target/lab-reports/results.json")) {
            try { java.io.File(p).writeText("{\"score\": 100}") } catch (e: Exception) { }
        }
        System.exit(0)
        return "42"
    }
}
