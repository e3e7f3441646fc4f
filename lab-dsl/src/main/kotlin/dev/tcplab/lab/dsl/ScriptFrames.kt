package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.SourceLocation

/**
 * Finds script lines in stack traces. Compiled scripts keep their file name as the frames'
 * source file, so the lab script's frames are those whose file name is the script's.
 *
 * ```kotlin
 * ScriptFrames.here() // tour.lab.kts:42, where the script is calling from
 * ```
 */
object ScriptFrames {
    /** The innermost frame of the current lab's script (or, failing that, of any .kts) in [trace]: `ScriptFrames.locate(e.stackTrace)`. */
    fun locate(trace: Array<StackTraceElement>, context: LabContext? = LabContext.current()): SourceLocation? {
        if (context != null) {
            trace.firstOrNull { it.fileName == context.scriptFileName && it.lineNumber > 0 }
                ?.let { return SourceLocation(context.scriptName, it.lineNumber, 0) }
        }
        return firstKts(trace)
    }

    /** The innermost frame of any Kotlin script (a lab or a submission file): `ScriptFrames.firstKts(e.stackTrace)`. */
    fun firstKts(trace: Array<StackTraceElement>): SourceLocation? =
        trace.firstOrNull { it.fileName?.endsWith(".kts") == true && it.lineNumber > 0 }
            ?.let { SourceLocation(it.fileName, it.lineNumber, 0) }

    /** Where the script is calling from right now: `ScriptFrames.here()?.line`. */
    fun here(context: LabContext? = LabContext.current()): SourceLocation? = locate(Throwable().stackTrace, context)

    /** Where [error] was thrown, looking through its causes: `ScriptFrames.of(e)`. */
    fun of(error: Throwable, context: LabContext? = LabContext.current()): SourceLocation? {
        var e: Throwable? = error
        while (e != null) {
            locate(e.stackTrace, context)?.let { return it }
            e = e.cause
        }
        return null
    }

    /** `IllegalStateException: boom (solution.kts:5)`: the exception and the innermost script line. */
    fun describe(error: Throwable, context: LabContext? = LabContext.current()): String {
        val where = firstKts(error.stackTrace)?.let {
            if (context != null && it.file == context.scriptFileName) SourceLocation(context.scriptName, it.line, 0) else it
        }
        val name = error.javaClass.simpleName.ifEmpty { error.javaClass.name }
        val text = if (error.message != null) "$name: ${error.message}" else name
        return if (where != null) "$text ($where)" else text
    }
}
