package dev.tcplab.lab.report;

/** File names from lab ids and link names, which come from scripts (or a grading worker) and may hold anything. */
public final class FileNames {
    private FileNames() {}

    /** Keeps letters, digits, '.', '_' and '-'; anything else, and a leading dot, becomes '_'. Never empty. */
    public static String safe(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 100; i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' && i > 0);
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    /** The last path element of a script path as given ("labs/01-x/x.lab.kts" → "x.lab.kts"), for narrow columns. */
    static String base(String file) {
        if (file == null) {
            return "";
        }
        int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(cut + 1);
    }
}
