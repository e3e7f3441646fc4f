// Carry data out over the network: a listener on the grading host's loopback (the test names its port).
import java.net.InetSocketAddress
import java.net.Socket
import java.nio.file.Files
import java.nio.file.Path

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val port = java.util.Properties().apply {
            Files.newBufferedReader(Path.of("/submission/answers.properties")).use { load(it) }
        }.getProperty("port").toInt()
        val connected = mutableListOf<String>()
        for (host in listOf("127.0.0.1", "localhost", "::1")) {
            try {
                Socket().use { s ->
                    s.connect(InetSocketAddress(host, port), 2000)
                    s.getOutputStream().write("stolen".toByteArray())
                    connected += host
                }
            } catch (e: Throwable) { }
        }
        return "connected=$connected"
    }
}
