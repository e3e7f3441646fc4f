package dev.tcplab.lab.grade;

import dev.tcplab.lab.result.LabResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch's gradebook as CSV (RFC 4180, UTF-8): a row per submission with its total, maximum,
 * points per exercise, status and isolation. Cells that a spreadsheet would evaluate (starting
 * with {@code = + - @}, a tab or a carriage return) are prefixed with an apostrophe, since
 * submission folder names and messages come from students (OWASP "CSV injection"). A submission
 * that could not be graded has empty points and status {@code not graded}, never a zero that
 * looks like a grade.
 */
public final class Gradebook {
    private Gradebook() {}

    static Path write(List<BatchGrading.Row> rows, List<String> exercises, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("submission", "score", "max_score"));
        header.addAll(exercises);
        header.addAll(List.of("status", "isolation", "why"));
        line(b, header);
        for (BatchGrading.Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.submission());
            boolean graded = r.graded();
            cells.add(graded ? GradeTable.points(r.outcome().score()) : "");
            cells.add(graded ? GradeTable.points(r.outcome().maxScore()) : "");
            for (String ex : exercises) {
                Optional<LabResult> lab = r.outcome() == null ? Optional.empty()
                    : r.outcome().run().labs().stream().filter(l -> l.id().equals(ex)).findFirst();
                cells.add(graded && lab.isPresent() ? GradeTable.points(lab.get().points()) : "");
            }
            cells.add(graded ? (r.outcome().allPassed() ? "full marks" : "graded") : "not graded");
            cells.add(r.outcome() == null ? "" : r.outcome().isolation());
            cells.add(r.error() == null ? "" : GradeTable.firstLine(r.error()));
            line(b, cells);
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** One CSV cell: neutralised against formula evaluation, quoted when it must be. */
    static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
