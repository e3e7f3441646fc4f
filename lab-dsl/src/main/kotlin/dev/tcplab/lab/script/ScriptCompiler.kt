package dev.tcplab.lab.script

import dev.tcplab.lab.dsl.LabContext
import dev.tcplab.lab.dsl.LabScriptError
import dev.tcplab.lab.engine.LabEngine
import dev.tcplab.lab.result.SourceLocation
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.HexFormat
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.api.constructorArgs
import kotlin.script.experimental.api.dependencies
import kotlin.script.experimental.host.ScriptingHostConfiguration
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvm.JvmDependency
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.compilationCache
import kotlin.script.experimental.jvm.CompiledJvmScriptsCache
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.loadDependencies
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.CompiledScriptJarsCache
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate

/**
 * The embedded Kotlin scripting host, with compiled scripts cached as jars under [cacheDir]
 * (null: no cache, as in a submission process). A cache entry is keyed by the engine version,
 * the file name (it names the script class), the script text and the compile classpath, so
 * neither a DSL change nor a moved installation loads a stale class. With [verified], only
 * entries this compiler wrote itself are loaded (their SHA-256 is remembered when written), so a
 * cache directory someone else could write to never supplies code: what grading uses.
 */
class ScriptCompiler @JvmOverloads constructor(val cacheDir: Path?, private val verified: Boolean = false) {

    /** A compiled script, or the compiler's errors with file:line:column. */
    sealed interface Compiled {
        class Ok(val script: CompiledScript) : Compiled
        class Failed(val message: String, val location: SourceLocation?) : Compiled
    }

    private val written = java.util.concurrent.ConcurrentHashMap<String, String>()

    private val host = BasicJvmScriptingHost(ScriptingHostConfiguration {
        if (cacheDir != null) {
            jvm {
                val jars = CompiledScriptJarsCache { source, config -> cacheFile(source, config) }
                compilationCache(if (verified) VerifiedCache(jars) else jars)
            }
        }
    })

    /** Loads a cached jar only when its bytes are the ones this compiler stored under that name. */
    private inner class VerifiedCache(private val jars: CompiledScriptJarsCache) : CompiledJvmScriptsCache {
        override fun get(script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration): CompiledScript? {
            val file = cacheFile(script, scriptCompilationConfiguration)
            val expected = written[file.path] ?: return null
            if (!file.isFile || sha256(file) != expected) return null
            return jars.get(script, scriptCompilationConfiguration)
        }

        override fun store(compiledScript: CompiledScript, script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration) {
            jars.store(compiledScript, script, scriptCompilationConfiguration)
            val file = cacheFile(script, scriptCompilationConfiguration)
            if (file.isFile) written[file.path] = sha256(file)
        }

        private fun sha256(f: File): String =
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(f.readBytes()))
    }

    // from the templates, so the base class and receiver come with LabScriptCompilation's settings
    private val labCompilation by lazy { createJvmCompilationConfigurationFromTemplate<LabScript>() }
    private val submissionCompilation by lazy { createJvmCompilationConfigurationFromTemplate<SubmissionScript>() }

    /** Compiles a lab script; [displayName] is the path as the user gave it, used in messages. */
    fun compileLab(file: Path, displayName: String): Compiled = compile(file, displayName, labCompilation)

    /**
     * Runs a compiled lab's body with [context] as its receiver's state. Returns what the body
     * threw (the checks record their own failures), null when it ran to the end.
     */
    fun evaluateLab(compiled: CompiledScript, context: LabContext): Throwable? {
        val config = ScriptEvaluationConfiguration(LabScriptEvaluation) { constructorArgs(context) }
        val thrown = when (val r = host.runInCoroutineContext { host.evaluator(compiled, config) }) {
            is ResultWithDiagnostics.Success -> (r.value.returnValue as? ResultValue.Error)?.error
            is ResultWithDiagnostics.Failure -> r.reports.firstNotNullOfOrNull { it.exception }
                ?: IllegalStateException(r.reports.joinToString("; ") { it.message })
        }
        if (thrown == null) context.bodyFinished()
        return thrown
    }

    /**
     * Compiles a submission file whose last expression implements [type] and returns that object.
     * Runs the student's code: only ever called inside a submission process.
     */
    fun load(file: Path, type: Class<*>): Any {
        val script = when (val c = compile(file, file.fileName.toString(), submissionCompilation)) {
            is Compiled.Ok -> c.script
            is Compiled.Failed -> throw LabScriptError("the submission does not compile: ${c.message}")
        }
        val config = ScriptEvaluationConfiguration {
            jvm {
                baseClassLoader(SubmissionScript::class.java.classLoader)
                loadDependencies(false)
            }
        }
        val r = host.runInCoroutineContext { host.evaluator(script, config) }
        val value = when (r) {
            is ResultWithDiagnostics.Failure -> throw LabScriptError("the submission ${file.fileName} could not be loaded: " +
                r.reports.joinToString("; ") { it.message })
            is ResultWithDiagnostics.Success -> when (val rv = r.value.returnValue) {
                is ResultValue.Value -> rv.value
                is ResultValue.Error -> throw rv.error
                else -> null
            }
        }
        if (value == null || !type.isInstance(value)) {
            throw LabScriptError("${file.fileName} must end with an object implementing ${type.simpleName} " +
                "(e.g. `object : ${type.simpleName} { ... }`), but its last expression is " +
                (value?.javaClass?.name ?: "not a value"))
        }
        return value
    }

    private fun compile(file: Path, displayName: String, config: ScriptCompilationConfiguration): Compiled {
        val source = file.toFile().toScriptSource()
        return when (val r = host.runInCoroutineContext { host.compiler(source, config) }) {
            is ResultWithDiagnostics.Success -> Compiled.Ok(r.value)
            is ResultWithDiagnostics.Failure -> failed(r.reports, displayName, source.text)
        }
    }

    private fun failed(reports: List<ScriptDiagnostic>, displayName: String, text: String): Compiled.Failed {
        val errors = reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }.ifEmpty { reports }
        val located = errors.map { d ->
            val start = d.location?.start
            val location = if (start != null) SourceLocation(displayName, start.line, start.col) else null
            location to ((location?.toString() ?: displayName) + ": " + d.message)
        }
        // a binary or non-Kotlin file gives one error per stray token: the first few say enough
        val shown = located.take(MAX_DIAGNOSTICS).map { it.second }
        val more = if (located.size > MAX_DIAGNOSTICS) listOf("... and ${located.size - MAX_DIAGNOSTICS} more errors") else listOf()
        val binary = if ('\u0000' in text) listOf("$displayName is not a Kotlin script: it contains binary data (NUL bytes)") else listOf()
        return Compiled.Failed((binary + shown + more).joinToString("\n"), located.firstNotNullOfOrNull { it.first })
    }

    private fun stamp(f: File): String = when {
        f.isFile -> "${f.length()}:${f.lastModified()}"
        f.isDirectory -> f.walkTopDown().filter { it.isFile }.maxOfOrNull { it.lastModified() }?.toString() ?: "0"
        else -> "-"
    }

    private fun cacheFile(source: SourceCode, config: ScriptCompilationConfiguration): File {
        val digest = MessageDigest.getInstance("SHA-256")
        fun add(s: String) = digest.update((s + "\u0000").toByteArray(Charsets.UTF_8))
        add(LabEngine.VERSION)
        add(source.name ?: "")
        add(source.text)
        // the path and the build of every classpath entry: a rebuilt DSL must not load stale scripts
        config[ScriptCompilationConfiguration.dependencies].orEmpty()
            .filterIsInstance<JvmDependency>().flatMap { it.classpath }.forEach { add(it.path + "@" + stamp(it)) }
        val dir = checkNotNull(cacheDir)
        Files.createDirectories(dir)
        return dir.resolve(HexFormat.of().formatHex(digest.digest()) + ".jar").toFile()
    }

    companion object {
        /** Compiler errors shown for one script; the rest are counted. */
        const val MAX_DIAGNOSTICS = 20

        /** `${user.home}/.cache/tcplab/scripts`, or the system property `tcplab.cache`. */
        @JvmStatic
        fun defaultCacheDir(): Path = System.getProperty("tcplab.cache")?.let { Path.of(it) }
            ?: Path.of(System.getProperty("user.home"), ".cache", "tcplab", "scripts")
    }
}
