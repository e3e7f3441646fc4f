package dev.tcplab.lab.sandbox;

/**
 * The isolation a submission's code ran under, as every result states it. {@code description}
 * says what the walls are (or that there were none).
 */
public record Isolation(Kind kind, String description) {
    public enum Kind {
        /** bubblewrap namespaces, unprivileged uid, seccomp, rlimits: see {@link BubblewrapCommand}. */
        BUBBLEWRAP,
        /** Where bubblewrap is missing: unshare + setpriv, the same namespaces and binds, no seccomp: see {@link UnshareCommand}. */
        UNSHARE,
        /** A separate process with rlimits and nothing else: the submission's code was trusted. */
        NONE
    }

    @Override
    public String toString() {
        return description;
    }
}
