package dev.tcplab.lab.result;

/** A place in a lab script: file name as given, 1-based line and column (0 when unknown). */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
