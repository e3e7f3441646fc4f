// Run programs: a shell, the system's tools, another JVM; with each process launch mechanism.
object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val ran = mutableListOf<String>()
        val commands = listOf(listOf("/bin/sh", "-c", "id"), listOf("id"), listOf("/usr/bin/cat", "/etc/shadow"),
            listOf(System.getProperty("java.home") + "/bin/java", "-version"))
        for (mechanism in listOf("POSIX_SPAWN", "FORK", "VFORK")) {
            System.setProperty("jdk.lang.Process.launchMechanism", mechanism)
            for (c in commands) {
                try { ProcessBuilder(c).start().waitFor(); ran += c[0] } catch (e: Throwable) { }
            }
        }
        try { Runtime.getRuntime().exec(arrayOf("/bin/ls")).waitFor(); ran += "exec" } catch (e: Throwable) { }
        return "ran=$ran"
    }
}
