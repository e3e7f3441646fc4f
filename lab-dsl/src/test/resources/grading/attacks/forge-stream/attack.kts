// Forge answers on the result pipe: frames written straight to fd 1 and through /proc.
import java.io.FileDescriptor
import java.io.FileOutputStream

fun int(n: Int) = byteArrayOf((n ushr 24).toByte(), (n ushr 16).toByte(), (n ushr 8).toByte(), n.toByte())

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val text = "SECRET-forged".toByteArray()
        val body = byteArrayOf('r'.code.toByte(), 10) + int(text.size) + text
        val frame = int(body.size) + body
        try { FileOutputStream(FileDescriptor.out).apply { write(frame); flush() } } catch (e: Throwable) { }
        for (p in listOf("/proc/self/fd/1", "/proc/1/fd/1", "/dev/stdout")) {
            try { FileOutputStream(p).use { it.write(frame) } } catch (e: Throwable) { }
        }
        return "real answer"
    }
}
