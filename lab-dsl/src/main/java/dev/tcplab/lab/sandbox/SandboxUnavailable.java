package dev.tcplab.lab.sandbox;

/**
 * The submission process could not be started at all (no sandbox on this machine, bubblewrap
 * refused, the JVM did not come up): not the submission's fault, and never a silent zero. Grading
 * reports it as an ERROR with this reason and exits non-zero.
 */
public class SandboxUnavailable extends RuntimeException {
    public SandboxUnavailable(String message) {
        super(message);
    }
}
