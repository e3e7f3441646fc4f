package dev.tcplab.lab.script

import dev.tcplab.lab.dsl.LabBody
import dev.tcplab.lab.dsl.LabContext
import dev.tcplab.lab.dsl.LabScope
import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptAcceptedLocation
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.acceptedLocations
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.ide
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.dependenciesFromClassloader
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.jvmTarget
import kotlin.script.experimental.jvm.loadDependencies

/**
 * A `*.lab.kts` script. Its body runs with [LabScope] as receiver (`title = ...`, `check(...)`,
 * `at(...)`); everything in `dev.tcplab.lab.dsl` is imported. IDEs find this definition through
 * `META-INF/kotlin/script/templates/dev.tcplab.lab.script.LabScript.classname`.
 */
@KotlinScript(
    displayName = "tcplab lab",
    fileExtension = "lab.kts",
    compilationConfiguration = LabScriptCompilation::class,
    evaluationConfiguration = LabScriptEvaluation::class,
)
/**
 * A `*.lab.kts` script. Its body runs with [LabScope] as receiver (`title = ...`, `check(...)`,
 * `at(...)`); everything in `dev.tcplab.lab.dsl` is imported. IDEs find this definition through
 * `META-INF/kotlin/script/templates/dev.tcplab.lab.script.LabScript.classname`, so completion and
 * these docs show in `*.lab.kts` once lab-dsl is on the project's classpath.
 *
 * ```kotlin
 * // labs/15-tour/tour.lab.kts
 * title = "A tour of the lab DSL"
 * val client = host("client", "192.0.2.1")
 * check("starts at zero") { now shouldBe 0.s }
 * ```
 */
abstract class LabScript(context: LabContext) : LabScope by LabBody(context)

/**
 * How a `*.lab.kts` compiles: the DSL and the stack names labs assert on imported by default
 * (`dev.tcplab.lab.dsl.*`, TCP states such as `TCP_SYN_SENT`, errnos such as `ECONNREFUSED`,
 * socket options such as `SO_REUSEADDR`, `Faults`, `Matchers`), the DSL's own classpath, Java 17 bytecode.
 *
 * ```kotlin
 * conn.errno shouldBe ECONNREFUSED // no import needed in a lab
 * ```
 */
object LabScriptCompilation : ScriptCompilationConfiguration({
    // the DSL, and the stack names labs assert on (TCP_SYN_SENT, ECONNREFUSED, SO_REUSEADDR, Faults)
    defaultImports(
        "dev.tcplab.lab.dsl.*",
        "dev.tcplab.stack.tcp.TcpState.*",
        "dev.tcplab.stack.socket.Errno.*",
        "dev.tcplab.stack.socket.SockOpt.*",
        "dev.tcplab.stack.host.KernelProfile.*",
        "dev.tcplab.stack.dev.fault.Faults",
        "dev.tcplab.stack.dev.fault.Matchers",
    )
    jvm {
        // the DSL's own loader, not the context one: inside Maven it is the plugin realm
        dependenciesFromClassloader(classLoader = LabScript::class.java.classLoader, wholeClasspath = true)
        jvmTarget("17") // the DSL's inline functions are Java 17 bytecode
    }
    ide {
        acceptedLocations(ScriptAcceptedLocation.Everywhere)
    }
}) {
    private fun readResolve(): Any = LabScriptCompilation
}

/**
 * How a compiled lab runs: in the DSL's own class loader, so the script sees the very
 * [LabContext] class the engine passes in (an implementation detail of the engine).
 *
 * ```kotlin
 * BasicJvmScriptingHost().eval(source, LabScriptCompilation, LabScriptEvaluation) // as ScriptCompiler does
 * ```
 */
object LabScriptEvaluation : ScriptEvaluationConfiguration({
    jvm {
        // scripts must see the very LabContext class the engine passes in, not a second copy
        baseClassLoader(LabScript::class.java.classLoader)
        loadDependencies(false)
    }
}) {
    private fun readResolve(): Any = LabScriptEvaluation
}
