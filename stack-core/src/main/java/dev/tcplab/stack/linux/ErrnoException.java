package dev.tcplab.stack.linux;

/** A socket call in a {@link LinuxHost} failed; {@link #errno()} is the Linux name (ECONNREFUSED). */
public final class ErrnoException extends RuntimeException {
    private final String errno;

    public ErrnoException(String errno, String message) {
        super(errno + ": " + message);
        this.errno = errno;
    }

    public String errno() {
        return errno;
    }
}
