package dev.tcplab.lab.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds public Kotlin declarations without KDoc, as Dokka's "undocumented" would: top-level and
 * member classes, interfaces, objects (companions too), functions, properties, secondary
 * constructors and primary-constructor properties ({@code class A(val x: Int)}, documented by a
 * KDoc of their own or by the class's {@code @property x}). Not counted: private, internal and
 * protected declarations, members of such classes, {@code override}s (they inherit the KDoc they
 * override, as Dokka shows them) and anything local to a function body.
 *
 * <p>A small lexer blanks strings (templates included), character literals and comments, keeping
 * where each KDoc comment ends; a declaration is documented when the line before it - skipping
 * annotation lines, not blank ones - ends a KDoc. Runs on its own too, without compiling the
 * module: {@code java lab-dsl/src/test/java/dev/tcplab/lab/dsl/KdocScanner.java FILE_OR_DIR...}.
 */
final class KdocScanner {
    private KdocScanner() {}

    private static final Pattern DECLARATION = Pattern.compile(
        "^((?:(?:public|private|internal|protected|open|abstract|final|override|inline|infix|operator|data|value"
            + "|sealed|enum|annotation|const|lateinit|suspend|tailrec|external|inner|companion|fun(?=\\s+interface))\\s+)*)"
            + "(class|interface|object|fun|val|var|typealias|constructor)\\b");
    private static final Pattern LEADING_ANNOTATIONS = Pattern.compile("^(?:@[\\w.:]+(?:\\([^()]*\\))?\\s+)+");
    private static final Pattern HIDDEN = Pattern.compile("\\b(private|internal|protected|override)\\b");
    private static final Pattern CTOR_PROPERTY = Pattern.compile(
        "((?:(?:@[\\w.:]+(?:\\([^()]*\\))?|private|internal|protected|public|override|open|final)\\s+)*)(?:val|var)\\s+(\\w+)");

    /** Every undocumented public declaration under [roots] (files or folders of .kt files), as `File.kt:line: text`. */
    static List<String> scan(List<Path> roots) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(p -> p.toString().endsWith(".kt")).sorted().toList();
            }
            for (Path f : files) found.addAll(undocumented(f.getFileName().toString(), Files.readString(f)));
        }
        return found;
    }

    private enum Kind { CLASS, CODE }

    private record Scope(Kind kind, boolean api) {}

    /** A class header seen, its body's `{` not yet: primary-constructor properties belong to it. */
    private record Header(boolean api, String kdoc, int braceDepth, int parenDepth) {}

    /** The undocumented public declarations of one Kotlin source, as `name:line: declaration`. */
    static List<String> undocumented(String name, String text) {
        Lexed lexed = lex(text);
        String[] lines = lexed.code.split("\n", -1);
        String[] source = text.split("\n", -1);
        List<String> found = new ArrayList<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        scopes.push(new Scope(Kind.CLASS, true)); // the file
        int parens = 0;
        boolean annotationOpen = false; // an annotation's argument list spans lines
        boolean[] annotationLine = new boolean[lines.length];
        Header header = null;
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i];
            String trimmed = code.trim();
            boolean lineStartsAtTop = parens == 0;
            boolean apiContext = scopes.stream().allMatch(s -> s.kind == Kind.CLASS && s.api);
            if (annotationOpen || (lineStartsAtTop && trimmed.startsWith("@") && (count(trimmed, '(') > count(trimmed, ')')
                    || LEADING_ANNOTATIONS.matcher(trimmed + " ").replaceFirst("").isBlank()))) {
                annotationLine[i] = true;
            }
            String kdocBefore = annotationLine[i] ? null : kdocBefore(i, lines, annotationLine, lexed.kdocEnds);
            if (lineStartsAtTop && !annotationLine[i] && !trimmed.isEmpty()) {
                String decl = LEADING_ANNOTATIONS.matcher(trimmed).replaceFirst("");
                Matcher m = DECLARATION.matcher(decl);
                if (m.find()) {
                    header = null;
                    boolean hidden = HIDDEN.matcher(m.group(1)).find();
                    boolean api = apiContext && !hidden;
                    if (api && kdocBefore == null) found.add(name + ":" + (i + 1) + ": " + shorten(source[i].strip()));
                    String kind = m.group(2);
                    if (kind.equals("class") || kind.equals("interface") || kind.equals("object")) {
                        header = new Header(apiContext && !HIDDEN.matcher(m.group(1)).find(), kdocBefore == null ? "" : kdocBefore,
                            scopes.size(), parens);
                    }
                }
            }
            // walk the line: parentheses, braces, and primary-constructor properties of the pending header
            for (int c = 0; c < code.length(); c++) {
                char ch = code.charAt(c);
                if (header != null && scopes.size() == header.braceDepth && parens == header.parenDepth + 1
                        && startsWord(code, c, "val", "var")) {
                    ctorProperty(name, i, lines, lexed, annotationLine, code, c, header, found);
                }
                switch (ch) {
                    case '(' -> parens++;
                    case ')' -> parens = Math.max(0, parens - 1);
                    case '{' -> {
                        if (header != null && scopes.size() == header.braceDepth && parens == header.parenDepth) {
                            scopes.push(new Scope(Kind.CLASS, header.api));
                            header = null;
                        } else {
                            scopes.push(new Scope(Kind.CODE, false));
                        }
                    }
                    case '}' -> {
                        if (scopes.size() > 1) scopes.pop();
                    }
                    default -> { }
                }
            }
            annotationOpen = annotationLine[i] && parens > 0;
        }
        return found;
    }

    private static void ctorProperty(String name, int i, String[] lines, Lexed lexed, boolean[] annotationLine,
                                     String code, int at, Header header, List<String> found) {
        // the modifiers before `val`: from the last '(' or ',' of this line
        int from = Math.max(code.lastIndexOf('(', at - 1), code.lastIndexOf(',', at - 1)) + 1;
        Matcher m = CTOR_PROPERTY.matcher(code.substring(from));
        if (!m.lookingAt() && !m.find()) return;
        if (HIDDEN.matcher(m.group(1)).find() || !header.api) return;
        String property = m.group(2);
        // its own KDoc: on the lines before it (the property starts its line), or just before it on this line
        boolean ownKdoc = (code.substring(0, from).isBlank() && kdocBefore(i, lines, annotationLine, lexed.kdocEnds) != null)
            || lexed.kdocEndColumns.getOrDefault(i, List.of()).stream().anyMatch(col -> col >= from && col < at);
        boolean tagged = Pattern.compile("@property\\s+" + Pattern.quote(property) + "\\b").matcher(header.kdoc).find();
        if (!ownKdoc && !tagged) found.add(name + ":" + (i + 1) + ": constructor property " + property);
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static boolean startsWord(String code, int c, String... words) {
        if (c > 0 && Character.isJavaIdentifierPart(code.charAt(c - 1))) return false;
        for (String w : words) {
            int end = c + w.length();
            if (code.startsWith(w, c) && end < code.length() && Character.isWhitespace(code.charAt(end))) return true;
        }
        return false;
    }

    /** The KDoc that ends on the line before line [i] (annotation lines skipped), or null. */
    private static String kdocBefore(int i, String[] lines, boolean[] annotationLine, Map<Integer, String> kdocEnds) {
        int j = i - 1;
        while (j >= 0 && annotationLine[j]) j--;
        if (j < 0) return null;
        String kdoc = kdocEnds.get(j);
        return kdoc != null && lines[j].isBlank() ? kdoc : null;
    }

    private static String shorten(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }

    /** The source with strings, char literals and comments blanked (newlines kept), and each KDoc by the line it ends on. */
    private record Lexed(String code, Map<Integer, String> kdocEnds, Map<Integer, List<Integer>> kdocEndColumns) {}

    private static Lexed lex(String text) {
        int n = text.length();
        char[] out = new char[n];
        for (int k = 0; k < n; k++) out[k] = text.charAt(k) == '\n' ? '\n' : ' ';
        Map<Integer, String> kdocEnds = new HashMap<>();
        Map<Integer, List<Integer>> kdocEndColumns = new HashMap<>();
        // modes: a code level counts its own braces (a template's `${ }` ends at its closing brace)
        Deque<int[]> modes = new ArrayDeque<>(); // {mode, braces}; mode 0 code, 1 string, 2 raw string
        modes.push(new int[] {0, 0});
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int[] mode = modes.peek();
            if (mode[0] == 0) {
                if (text.startsWith("//", i)) {
                    while (i < n && text.charAt(i) != '\n') i++;
                    continue;
                }
                if (text.startsWith("/*", i)) {
                    boolean kdoc = text.startsWith("/**", i) && !text.startsWith("/**/", i);
                    int depth = 0;
                    int j = i;
                    while (j < n) {
                        if (text.startsWith("/*", j)) { depth++; j += 2; continue; }
                        if (text.startsWith("*/", j)) { depth--; j += 2; if (depth == 0) break; continue; }
                        j++;
                    }
                    if (kdoc) {
                        int line = lineOf(text, j - 1);
                        kdocEnds.put(line, text.substring(i, j));
                        kdocEndColumns.computeIfAbsent(line, k -> new ArrayList<>()).add(j - 1 - (text.lastIndexOf('\n', j - 1) + 1));
                    }
                    i = j;
                    continue;
                }
                if (text.startsWith("\"\"\"", i)) { modes.push(new int[] {2, 0}); i += 3; continue; }
                if (c == '"') { modes.push(new int[] {1, 0}); i++; continue; }
                if (c == '\'') {
                    int j = i + 1;
                    j += j < n && text.charAt(j) == '\\' ? 2 : 1;
                    while (j < n && text.charAt(j) != '\'' && text.charAt(j) != '\n') j++;
                    i = j + 1;
                    continue;
                }
                if (c == '{') mode[1]++;
                if (c == '}') {
                    if (modes.size() > 1 && mode[1] == 0) { modes.pop(); i++; continue; } // end of a template
                    mode[1]--;
                }
                out[i] = c;
                i++;
            } else if (mode[0] == 1) {
                if (c == '\\') { i += 2; continue; }
                if (c == '"' || c == '\n') { modes.pop(); i++; continue; }
                if (text.startsWith("${", i)) { modes.push(new int[] {0, 0}); i += 2; continue; }
                i++;
            } else {
                if (text.startsWith("\"\"\"", i)) {
                    i += 3;
                    while (i < n && text.charAt(i) == '"') i++; // """" ends with a quote in the string
                    modes.pop();
                    continue;
                }
                if (text.startsWith("${", i)) { modes.push(new int[] {0, 0}); i += 2; continue; }
                i++;
            }
        }
        return new Lexed(new String(out), kdocEnds, kdocEndColumns);
    }

    private static int lineOf(String text, int offset) {
        int line = 0;
        for (int k = 0; k < offset && k < text.length(); k++) if (text.charAt(k) == '\n') line++;
        return line;
    }

    /** Prints the undocumented declarations under the given files or folders; exit status 1 when there are any. */
    public static void main(String[] args) throws IOException {
        List<String> found = scan(Stream.of(args).map(Path::of).toList());
        found.forEach(System.out::println);
        System.out.println(found.size() + " undocumented");
        System.exit(found.isEmpty() ? 0 : 1);
    }
}
