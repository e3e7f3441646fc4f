package dev.tcplab.lab.grade;

import dev.tcplab.lab.engine.LabFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which labs a grading run grades: the exercises (a lab with a {@code solution/} or
 * {@code submission-template/} folder beside it), not the walk-throughs, which would hand out
 * points for nothing. A lab named explicitly (its id or folder in {@code named}) is graded
 * whatever it is; an exercise that needs real interfaces (it declares a
 * {@code linuxHost}) only when named, since it needs root, libpcap and a quiet machine.
 */
final class Exercises {
    static final String SOLUTION = "solution";
    static final String TEMPLATE = "submission-template";

    private Exercises() {}

    static List<Path> select(List<Path> inputs, Set<String> named) {
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            for (Path script : LabFiles.find(List.of(input))) {
                if (out.contains(script)) {
                    continue;
                }
                if (isNamed(script, named)) {
                    out.add(script);
                } else if (!underSubmissionFolder(input, script) && isExercise(script) && !needsRealInterfaces(script)) {
                    out.add(script);
                }
            }
        }
        return out;
    }

    static boolean isNamed(Path script, Set<String> named) {
        Path folder = script.toAbsolutePath().getParent().getFileName();
        return named.contains(LabFiles.id(script)) || folder != null && named.contains(folder.toString());
    }

    static boolean isExercise(Path script) {
        Path dir = script.toAbsolutePath().getParent();
        return Files.isDirectory(dir.resolve(SOLUTION)) || Files.isDirectory(dir.resolve(TEMPLATE));
    }

    private static boolean needsRealInterfaces(Path script) {
        try {
            return Files.readString(script).contains("linuxHost(");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
    }

    /** A lab's solution/ and submission-template/ hold submissions, never labs. */
    private static boolean underSubmissionFolder(Path input, Path script) {
        for (Path part : input.relativize(script)) {
            if (part.toString().equals(SOLUTION) || part.toString().equals(TEMPLATE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The folder a lab reads of a submission: {@code DIR/<lab folder>} or {@code DIR/<lab id>} when
     * the submission has one (a submission for several exercises), else DIR itself.
     */
    static Path submissionFor(Path script, Path submission) {
        Path folder = script.toAbsolutePath().getParent().getFileName();
        for (String name : new String[] {folder == null ? null : folder.toString(), LabFiles.id(script)}) {
            if (name != null && Files.isDirectory(submission.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return submission.resolve(name);
            }
        }
        return submission;
    }
}
