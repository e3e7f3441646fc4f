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
abstract class LabScript(context: LabContext) : LabScope by LabBody(context)

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

object LabScriptEvaluation : ScriptEvaluationConfiguration({
    jvm {
        // scripts must see the very LabContext class the engine passes in, not a second copy
        baseClassLoader(LabScript::class.java.classLoader)
        loadDependencies(false)
    }
}) {
    private fun readResolve(): Any = LabScriptEvaluation
}
