package dev.tcplab.lab.sandbox;

/** How much isolation a run insists on before it runs a submission's code. */
public enum SandboxPolicy {
    /** Grading: the operating system's sandbox or nothing; without one, code submissions are not run. */
    REQUIRE,
    /** A student's own run: the sandbox when this machine has one, else a plain separate process. */
    PREFER,
    /** Explicitly trusted (--trust-submissions): a plain separate process, said in every result. */
    TRUST
}
