package dev.tcplab.lab.dsl

/**
 * Thrown to end a lab as SKIPPED: it needs something this machine lacks (root, libpcap, a real
 * kernel). The reason says what is missing and how to get it; the other labs of the run go on,
 * and checks the lab recorded before skipping keep their results.
 *
 * ```kotlin
 * if (!java.nio.file.Files.exists(java.nio.file.Path.of("/sys/class/net"))) throw LabSkipped("needs Linux's /sys")
 * ```
 *
 * @property reason what is missing here, and how to install it (shown as the lab's verdict)
 */
class LabSkipped(val reason: String) : RuntimeException(reason)

/**
 * Ends this lab as SKIPPED with [reason] (what is missing here, and how to install it).
 *
 * ```kotlin
 * if (System.getenv("CI") != null) skipLab("needs a quiet machine: run it locally")
 * ```
 */
fun ScriptScope.skipLab(reason: String): Nothing = throw LabSkipped(reason)
