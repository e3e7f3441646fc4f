package dev.tcplab.lab.dsl

/**
 * Thrown to end a lab as SKIPPED: it needs something this machine lacks (root, libpcap, a real
 * kernel). The reason says what is missing and how to get it; the other labs of the run go on,
 * and checks the lab recorded before skipping keep their results.
 */
class LabSkipped(val reason: String) : RuntimeException(reason)

/** Ends this lab as SKIPPED with [reason] (what is missing here, and how to install it). */
fun ScriptScope.skipLab(reason: String): Nothing = throw LabSkipped(reason)
