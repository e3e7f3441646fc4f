package dev.tcplab.lab.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public element of the lab DSL has KDoc: the DSL reference (Dokka, target/dokka) and the
 * IDE's completion popups are made from it, so an undocumented declaration is a hole in both.
 */
class KdocCoverageTest {
    /** What a lab script sees: the DSL package and the script definitions. */
    private static final List<Path> DSL_SOURCES = List.of(
        Path.of("src/main/kotlin/dev/tcplab/lab/dsl"),
        Path.of("src/main/kotlin/dev/tcplab/lab/script/LabScript.kt"),
        Path.of("src/main/kotlin/dev/tcplab/lab/script/SubmissionScript.kt"));

    @Test
    void everyPublicDslDeclarationHasKdoc() throws Exception {
        for (Path p : DSL_SOURCES) assertTrue(Files.exists(p), p + " is missing (run from lab-dsl/)");
        List<String> undocumented = KdocScanner.scan(DSL_SOURCES);
        assertEquals(List.of(), undocumented,
            "public DSL declarations without KDoc (a sentence on what it does and a ```kotlin example):\n  "
                + String.join("\n  ", undocumented));
    }

    @Test
    void reportsEachKindOfUndocumentedPublicDeclaration() {
        String source = """
            package x

            fun topLevel() = 1
            val Int.kbit: Long get() = this * 1000L
            /** Documented. */
            class Host(val address: String, /** Documented. */ val name: String) {
                fun listen(port: Int) = port
                var title: String = ""
                companion object {
                    const val DEFAULT = 1
                }
            }
            interface Scope {
                fun <T> at(time: Long, block: () -> T): T
            }
            """;
        assertEquals(List.of(
                "s.kt:3: fun topLevel() = 1",
                "s.kt:4: val Int.kbit: Long get() = this * 1000L",
                "s.kt:6: constructor property address",
                "s.kt:7: fun listen(port: Int) = port",
                "s.kt:8: var title: String = \"\"",
                "s.kt:9: companion object {",
                "s.kt:10: const val DEFAULT = 1",
                "s.kt:13: interface Scope {",
                "s.kt:14: fun <T> at(time: Long, block: () -> T): T"),
            KdocScanner.undocumented("s.kt", source));
    }

    @Test
    void documentedHiddenOverriddenAndLocalDeclarationsPass() {
        String source = """
            package x

            /**
             * A host.
             * @property address its IPv4 address
             */
            @LabDsl
            class Host(val address: String, private val secret: Int) {
                /** Listens: `host.listen(80)`, a brace in a string "{" and a template "${address}". */
                @Deprecated("not this one",
                    level = DeprecationLevel.ERROR)
                fun listen(port: Int): Int {
                    val local = port + 1
                    fun helper() = local
                    return helper()
                }

                override fun toString() = address
                internal val hidden = 1
                private fun secret() = 2
            }

            internal class Engine {
                fun run() = Unit
            }

            private val KEY = Any()
            """;
        assertEquals(List.of(), KdocScanner.undocumented("s.kt", source));
    }
}
