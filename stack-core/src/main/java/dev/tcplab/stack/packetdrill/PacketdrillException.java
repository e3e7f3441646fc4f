package dev.tcplab.stack.packetdrill;

/**
 * A script that cannot be played or did not behave as written, located at its file:line the way
 * packetdrill prints it ("script.pkt:12: error handling packet: ...").
 */
public final class PacketdrillException extends RuntimeException {
    /** Why the script stopped: it could not be read, the runner lacks a feature, or the model differs. */
    public enum Kind { PARSE, UNSUPPORTED, FAILURE }

    private final Kind kind;
    private final String file;
    private final int line;
    private final String detail;

    public PacketdrillException(Kind kind, String file, int line, String detail) {
        super(file + ":" + line + ": " + (kind == Kind.UNSUPPORTED ? "unsupported: " : kind == Kind.PARSE ? "parse error: " : "") + detail);
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the file:line prefix. */
    public String detail() {
        return detail;
    }
}
