// Outlive the lab: threads that keep writing, a shutdown hook, a fork bomb.
import java.nio.file.Files
import java.nio.file.Path

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        repeat(20) { i ->
            Thread {
                while (true) {
                    try { Files.writeString(Path.of("/tmp/alive-$i"), System.nanoTime().toString()); Thread.sleep(5) } catch (e: Throwable) { }
                }
            }.start()
        }
        Runtime.getRuntime().addShutdownHook(Thread { while (true) { try { Thread.sleep(1000) } catch (e: Throwable) { } } })
        var forks = 0
        repeat(50) { try { ProcessBuilder("/proc/self/exe", "-version").start(); forks++ } catch (e: Throwable) { } }
        return "forks=$forks"
    }
}
