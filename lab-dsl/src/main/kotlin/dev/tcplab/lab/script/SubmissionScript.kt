package dev.tcplab.lab.script

import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.jvm.dependenciesFromClassloader
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.jvmTarget

/**
 * A student's Kotlin file implementing an interface a lab names: a plain script whose last
 * expression is the implementation (`object : Greeter { ... }`).
 */
@KotlinScript(
    displayName = "tcplab submission",
    fileExtension = "kts",
    compilationConfiguration = SubmissionScriptCompilation::class,
)
/**
 * A student's Kotlin file implementing an interface a lab names: a plain script whose last
 * expression is the implementation (`object : Greeter { ... }`); a lab loads it with
 * `implementation<T>("file.kts")`.
 *
 * ```kotlin
 * // greeter.kts
 * object : Greeter { override fun greet(name: String) = "hello $name" }
 * ```
 */
abstract class SubmissionScript

/**
 * How a student's `.kts` compiles: the DSL imported (`dev.tcplab.lab.dsl.*`), the lab's classpath,
 * Java 17 bytecode. The file's last expression is what the lab loads.
 *
 * ```kotlin
 * // isn.kts
 * import dev.tcplab.stack.tcp.Tcp
 * import dev.tcplab.stack.wire.Ipv4Address
 * object : Tcp.IsnHook {
 *     override fun isn(saddr: Ipv4Address, daddr: Ipv4Address, sport: Int, dport: Int, nowNanos: Long): Int? =
 *         (nowNanos / 64).toInt() + (saddr.hashCode() * 31 + sport) // not secret: write a keyed hash
 * }
 * ```
 */
object SubmissionScriptCompilation : ScriptCompilationConfiguration({
    defaultImports("dev.tcplab.lab.dsl.*")
    jvm {
        dependenciesFromClassloader(classLoader = SubmissionScript::class.java.classLoader, wholeClasspath = true)
        jvmTarget("17") // the DSL's inline functions are Java 17 bytecode
    }
}) {
    private fun readResolve(): Any = SubmissionScriptCompilation
}
