// Write outside its own /tmp: its submission, the JDK, the toolkit, the host (a folder the test names), via /proc and links.
import java.nio.file.Files
import java.nio.file.Path

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val host = java.util.Properties().apply {
            Files.newBufferedReader(Path.of("/submission/answers.properties")).use { load(it) }
        }.getProperty("outside")
        val wrote = mutableListOf<String>()
        val targets = mutableListOf("/submission/pwned", System.getProperty("java.home") + "/pwned", "/tcplab/cp/pwned",
            "/proc/self/root/submission/pwned", "/pwned", "$host/direct", "/proc/1/root$host/via-proc")
        try {
            Files.createSymbolicLink(Path.of("/tmp/up"), Path.of(host))
            targets += "/tmp/up/via-link"
        } catch (e: Throwable) { }
        for (t in targets) {
            try { Files.writeString(Path.of(t), "pwned"); wrote += t } catch (e: Throwable) { }
        }
        return "wrote=$wrote"
    }
}
