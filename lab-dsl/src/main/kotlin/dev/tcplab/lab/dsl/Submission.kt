package dev.tcplab.lab.dsl

import java.nio.file.Files
import java.nio.file.Path
import java.util.Properties

/**
 * Gives a lab the implementation of a `type` that a submission's Kotlin script `file` makes. Supplied
 * by the engine: the script is compiled and run in a separate submission process, and what comes
 * back is a proxy whose calls cross to it as plain data.
 *
 * ```kotlin
 * Submission(dir) { file, type -> error("this lab loads no code") }
 * ```
 */
fun interface ImplementationLoader {
    /** Compiles and runs the script `file` and returns its last expression, an implementation of `type`. */
    fun load(file: Path, type: Class<*>): Any
}

/**
 * A student's submission: a folder with `answers.properties` (answers and parameters) and Kotlin
 * script files implementing interfaces the lab names. [dir] null = the run has no submission.
 * In a run, [dir] is a private copy of what the student handed in; [refused] names the files that
 * were not copied (links, devices, oversized files) and why.
 *
 * ```kotlin
 * check("Q1: the SYN's flags", hidden = true) { submission.answer("q1") shouldBe "S" }
 * val retries = submission.param("retries", 3)
 * ```
 *
 * @property dir the submission's folder, null when the run has none
 * @property refused the files not copied, by name, with the reason
 */
class Submission(
    val dir: Path?,
    val refused: Map<String, String>,
    private val loader: ImplementationLoader,
) {
    /** A submission with nothing refused (a lab's own folder, a test's): `Submission(Path.of("solution")) { _, _ -> error("no code") }` (lab 12). */
    constructor(dir: Path?, loader: ImplementationLoader) : this(dir, emptyMap(), loader)

    /** Whether the run has a submission: `if (submission.present) ...`. */
    val present: Boolean get() = dir != null

    /** Everything in answers.properties; empty when there is no submission or no such file: `submission.answers.keys`. */
    val answers: Map<String, String> by lazy { readAnswers() }

    /**
     * One answer, trimmed; fails clearly when there is no submission or no such answer.
     *
     * ```kotlin
     * check("Q4: connect() to a closed port returns", hidden = true) { submission.answer("q4") shouldBe "ECONNREFUSED" }
     * ```
     */
    fun answer(key: String): String {
        need("answer \"$key\"")
        refused[ANSWERS]?.let { throw LabScriptError("$ANSWERS was not used: $it") }
        return answers[key]?.trim()
            ?: throw LabScriptError("the submission has no answer \"$key\" (expected a line `$key = ...` in $ANSWERS)")
    }

    /**
     * A parameter from answers.properties, converted to [default]'s type (Int, Long, Double, Boolean,
     * String, or a [VDuration] written `250ms`); [default] when absent (also without a submission,
     * so a lab runs with its defaults). An answer of the wrong form fails the check that reads it.
     *
     * ```kotlin
     * val retries = submission.param("retries", 3)
     * val delay = submission.param("delay", 10.ms)
     * ```
     */
    @Suppress("UNCHECKED_CAST")
    fun <T : Any> param(name: String, default: T): T {
        val raw = answers[name]?.trim() ?: return default
        return try {
            when (default) {
                is Int -> raw.toInt()
                is Long -> raw.toLong()
                is Double -> raw.toDouble()
                is Boolean -> raw.toBooleanStrict()
                is VDuration -> parseDuration(raw)
                is String -> raw
                else -> throw LabScriptError("param \"$name\": unsupported type ${default.javaClass.simpleName}")
            } as T
        } catch (e: IllegalArgumentException) {
            // the student's answer has the wrong form: a failed check, not an error of the lab
            fail("a ${default.javaClass.simpleName}", raw, "param \"$name\" = \"$raw\" in $ANSWERS is not a ${default.javaClass.simpleName}")
        }
    }

    /**
     * Compiles [file] from the submission folder; its last expression must implement [T].
     *
     * ```kotlin
     * val generator = submission.load<Tcp.IsnHook>("isn.kts")
     * ```
     */
    inline fun <reified T : Any> load(file: String): T = load(file, T::class.java)

    /** [load] for Java callers and non-reified types: `submission.load("isn.kts", Tcp.IsnHook::class.java)`. */
    fun <T : Any> load(file: String, type: Class<T>): T {
        val folder = need("implementation of ${type.simpleName} in $file")
        refused[file]?.let { throw LabScriptError("$file was not used: $it") }
        val path = folder.resolve(file).normalize()
        if (!path.startsWith(folder) || !Files.isRegularFile(path)) throw LabScriptError("the submission has no file $file")
        return type.cast(loader.load(path, type))
    }

    /** Without a submission an exercise cannot be judged: the lab is SKIPPED, saying how to give one. */
    private fun need(what: String): Path =
        dir ?: throw LabSkipped("this exercise needs a submission ($what): run it with --submission DIR " +
            "(Maven: -Dsubmission=DIR, or -Dlab.solutions=true to check the reference solution)")

    private fun readAnswers(): Map<String, String> {
        val file = dir?.resolve(ANSWERS) ?: return emptyMap()
        if (!Files.isRegularFile(file)) return emptyMap()
        val props = Properties()
        Files.newBufferedReader(file).use(props::load)
        return props.stringPropertyNames().sorted().associateWith { props.getProperty(it) }
    }

    /** The answers file's name and the duration parser. */
    companion object {
        /** The answers file in a submission folder: `answers.properties`, lines `q1 = SYN`. */
        const val ANSWERS = "answers.properties"

        /** A duration as answers write it: `250ms`, `1.5 s`, `200us`, `10ns`: `Submission.parseDuration("250ms") == 250.ms`. */
        fun parseDuration(text: String): VDuration {
            val m = Regex("""^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(ns|us|ms|s)\s*$""").find(text)
                ?: throw IllegalArgumentException("not a duration: $text")
            val v = m.groupValues[1].toDouble()
            return when (m.groupValues[2]) {
                "ns" -> VDuration(Math.round(v))
                "us" -> v.us
                "ms" -> v.ms
                else -> v.s
            }
        }
    }
}
