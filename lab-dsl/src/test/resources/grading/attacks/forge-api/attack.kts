// Forge results through the toolkit's public API: the lab context, the checks, the report writers.
import dev.tcplab.lab.dsl.LabContext

object : java.util.function.Function<String, String> {
    override fun apply(q: String): String {
        if (q == "2+2") return "4"
        val escaped = mutableListOf<String>()
        val ctx = LabContext.current()
        if (ctx != null) {
            for (name in listOf("the secret beside the lab", "the hidden check's word", "an answer file")) {
                ctx.runCheck(name, null, 10.0, false) { }
            }
            ctx.close()
            escaped += "LabContext"
        }
        try {
            val run = dev.tcplab.lab.result.RunResult(1, listOf(), 0)
            dev.tcplab.lab.grade.GradescopeWriter.write(run, java.nio.file.Path.of("/tmp/results.json"))
        } catch (e: Throwable) { }
        return "escaped=$escaped"
    }
}
