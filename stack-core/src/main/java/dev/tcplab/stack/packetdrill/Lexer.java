package dev.tcplab.stack.packetdrill;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a packetdrill script into tokens (packetdrill's lexer.l, as far as the TCP/IPv4 corpus
 * needs): comments {@code //} and C-style, numbers (decimal, {@code .5}-style floats, hex),
 * words, strings, {@code ...}, a backquoted command, a {@code %{ }%} code block; anything else
 * becomes an OTHER token the parser rejects where it matters (so notes like
 * "(Can't assign)" still lex).
 */
final class Lexer {
    private final String file;
    private final String s;
    private int p;
    private int line = 1;

    Lexer(String file, String text) {
        this.file = file;
        this.s = text;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (p >= s.length()) {
                // the end is reported at the last token's line: "expected ')'" belongs to that line
                out.add(new Token(Token.Type.EOF, "", out.isEmpty() ? line : out.get(out.size() - 1).line()));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\n') {
                line++;
                p++;
            } else if (Character.isWhitespace(c)) {
                p++;
            } else if (s.startsWith("//", p)) {
                while (p < s.length() && s.charAt(p) != '\n') {
                    p++;
                }
            } else if (s.startsWith("/*", p)) {
                int end = s.indexOf("*/", p + 2);
                if (end < 0) {
                    throw new PacketdrillException(PacketdrillException.Kind.PARSE, file, line, "unterminated /* comment");
                }
                countLines(p, end + 2);
                p = end + 2;
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private Token next() {
        int start = p;
        int startLine = line;
        char c = s.charAt(p);
        if (c == '`') {
            int end = s.indexOf('`', p + 1);
            if (end < 0) {
                throw new PacketdrillException(PacketdrillException.Kind.PARSE, file, line, "unterminated backquoted command");
            }
            countLines(p, end);
            p = end + 1;
            return new Token(Token.Type.BACKQUOTE, s.substring(start + 1, end), startLine);
        }
        if (s.startsWith("%{", p)) {
            int end = s.indexOf("}%", p + 2);
            if (end < 0) {
                throw new PacketdrillException(PacketdrillException.Kind.PARSE, file, line, "unterminated %{ code block");
            }
            countLines(p, end);
            p = end + 2;
            return new Token(Token.Type.CODE, s.substring(start + 2, end), startLine);
        }
        if (c == '"') {
            int q = p + 1;
            while (q < s.length() && s.charAt(q) != '"') {
                if (s.charAt(q) == '\\') {
                    q++;
                }
                q++;
            }
            if (q >= s.length()) {
                throw new PacketdrillException(PacketdrillException.Kind.PARSE, file, line, "unterminated string");
            }
            countLines(p, q);
            p = q + 1;
            return new Token(Token.Type.STRING, s.substring(start + 1, q), startLine);
        }
        if (s.startsWith("...", p)) {
            p += 3;
            return new Token(Token.Type.ELLIPSIS, "...", startLine);
        }
        if (Character.isDigit(c) || (c == '.' && p + 1 < s.length() && Character.isDigit(s.charAt(p + 1)))) {
            return number(startLine);
        }
        if (Character.isLetter(c) || c == '_') {
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            return new Token(Token.Type.WORD, s.substring(start, p), startLine);
        }
        p++;
        if ("<>=()[]{},:+-*~|.!/;@".indexOf(c) >= 0) {
            return new Token(Token.Type.PUNCT, String.valueOf(c), startLine);
        }
        return new Token(Token.Type.OTHER, String.valueOf(c), startLine);
    }

    private Token number(int startLine) {
        int start = p;
        if (s.startsWith("0x", p) || s.startsWith("0X", p)) {
            p += 2;
            while (p < s.length() && Character.isLetterOrDigit(s.charAt(p))) {
                p++;
            }
            String hex = s.substring(start, p);
            if (!hex.substring(2).matches("[0-9a-fA-F]{1,16}")) {
                throw new PacketdrillException(PacketdrillException.Kind.PARSE, file, startLine, "bad hex number " + hex);
            }
            return new Token(Token.Type.HEX, hex, startLine);
        }
        while (p < s.length() && Character.isDigit(s.charAt(p))) {
            p++;
        }
        boolean isFloat = false;
        if (p < s.length() && s.charAt(p) == '.' && !s.startsWith("...", p)) {
            isFloat = true;
            p++;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
        }
        if (p < s.length() && (Character.isLetter(s.charAt(p)) || s.charAt(p) == '_')) {
            // a hex blob such as a TFO cookie "3021b9d8": a word that starts with a digit
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            return new Token(Token.Type.WORD, s.substring(start, p), startLine);
        }
        return new Token(isFloat ? Token.Type.FLOAT : Token.Type.INT, s.substring(start, p), startLine);
    }
}
