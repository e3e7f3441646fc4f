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
abstract class SubmissionScript

object SubmissionScriptCompilation : ScriptCompilationConfiguration({
    defaultImports("dev.tcplab.lab.dsl.*")
    jvm {
        dependenciesFromClassloader(classLoader = SubmissionScript::class.java.classLoader, wholeClasspath = true)
        jvmTarget("17") // the DSL's inline functions are Java 17 bytecode
    }
}) {
    private fun readResolve(): Any = SubmissionScriptCompilation
}
