package dev.tcplab.stack.packetdrill;

/** One lexical token of a packetdrill script, with the line it starts on. */
record Token(Type type, String text, int line) {
    enum Type {
        INT, FLOAT, HEX, WORD, STRING, ELLIPSIS, BACKQUOTE, CODE, PUNCT, OTHER, EOF
    }

    boolean is(String punctOrWord) {
        return (type == Type.PUNCT || type == Type.WORD || type == Type.ELLIPSIS) && text.equals(punctOrWord);
    }

    boolean isNumber() {
        return type == Type.INT || type == Type.FLOAT || type == Type.HEX;
    }

    @Override
    public String toString() {
        return type == Type.EOF ? "end of script" : "'" + text + "'";
    }
}
