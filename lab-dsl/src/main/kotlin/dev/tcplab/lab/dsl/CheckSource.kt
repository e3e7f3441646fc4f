package dev.tcplab.lab.dsl

/**
 * What a check's block says in the script's text. A check that evaluated no expectation is
 * warned about only when its text holds none either: a check that fails through `?: fail(...)`
 * or a helper the script defines (`wrong(key, ...)`) evaluates nothing while the answer is right,
 * and is still a check.
 */
internal object CheckSource {
    private val VERBS = Regex("""\b(should\w*|expectThat|fail|eventually)\b""")
    private val DEFINED = Regex("""\bfun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?(\w+)\s*\(""")
    private val CALLED = Regex("""\b(\w+)\s*\(""")

    /**
     * Whether the block of the check declared at [line] of [script] may expect something: an
     * expectation verb, or a call of a function the script defines. True when unsure (no text,
     * no block found).
     */
    fun mayExpect(script: String?, line: Int?): Boolean {
        if (script == null || line == null) return true
        val block = block(script, line) ?: return true
        if (VERBS.containsMatchIn(block)) return true
        val defined = DEFINED.findAll(script).map { it.groupValues[1] }.toSet()
        return CALLED.findAll(block).any { it.groupValues[1] in defined }
    }

    /** The text inside the first `{ }` that opens at or after [line] (1-based), or null. */
    private fun block(script: String, line: Int): String? {
        var start = 0
        repeat(line - 1) { start = script.indexOf('\n', start).takeIf { it >= 0 }?.plus(1) ?: return null }
        val open = script.indexOf('{', start).takeIf { it >= 0 } ?: return null
        var depth = 0
        for (i in open until script.length) {
            when (script[i]) {
                '{' -> depth++
                '}' -> if (--depth == 0) return script.substring(open + 1, i)
            }
        }
        return null
    }
}
