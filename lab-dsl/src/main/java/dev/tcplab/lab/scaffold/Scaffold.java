package dev.tcplab.lab.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scaffolds a new lab that runs green at once: a walk-through (a lab script with checks and a
 * README for students) or an exercise (besides, a submission template and a reference solution the
 * checks grade). In a numbered curriculum (folders {@code NN-name}, like the bundled labs/) the new
 * lab gets the first free number, or the one asked for; the script keeps the plain name, so
 * {@code -Dlab=NAME} and {@code --lab NAME} find it.
 */
public final class Scaffold {
    /** Lab names become folder names, file names and lab ids: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Scaffold() {}

    /** What a new lab is. */
    public enum Kind {
        /** Students read and run it: a scenario and checks on what Linux did. */
        WALKTHROUGH,
        /** Graded: the checks also read a student's answers (submission-template/, solution/). */
        EXERCISE;

        /** "walkthrough" / "walk-through" / "exercise", any case. */
        public static Kind parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("-", "");
            return switch (t) {
                case "walkthrough" -> WALKTHROUGH;
                case "exercise" -> EXERCISE;
                default -> throw new IllegalArgumentException("lab kind '" + text + "': use walkthrough or exercise");
            };
        }

        public String label() {
            return this == WALKTHROUGH ? "walk-through" : "exercise";
        }
    }

    /** The new lab: its folder, its script, where to start reading, and the files written. */
    public record Created(Path folder, Path script, Path readme, Kind kind, List<Path> files) {}

    /** An exercise named {@code name} directly under dir, unnumbered. Refuses to overwrite. */
    public static List<Path> create(Path dir, String name) throws IOException {
        return create(dir, name, Kind.EXERCISE, null).files();
    }

    /**
     * A lab of {@code kind} under dir. {@code number}: null numbers it into a numbered curriculum
     * (the first free number when dir has NN-name folders, else no number); a number is used as
     * given (and refused when another lab has it). Refuses (FileAlreadyExistsException) when a lab
     * of that name exists, numbered or not.
     */
    public static Created create(Path dir, String name, Kind kind, Integer number) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lab name '" + name + "': use lower-case letters, digits, '-' and '_' "
                + "(like syn-flood)");
        }
        if (Curriculum.NUMBERED.matcher(name).matches()) {
            throw new IllegalArgumentException("lab name '" + name + "' starts with a number: give the name alone "
                + "(the number comes from the curriculum, or from -Dlab.number / --number)");
        }
        if (number != null && (number < 1 || number > 99)) {
            throw new IllegalArgumentException("lab number " + number + ": use 1 to 99");
        }
        Curriculum curriculum = Curriculum.of(dir);
        Path existing = curriculum.folderOf(name);
        if (existing != null) {
            throw new FileAlreadyExistsException(existing.toString(), null, "a lab named " + name
                + " already exists there; not overwriting it");
        }
        String folderName = name;
        if (number != null || curriculum.numbered()) {
            int n = number != null ? number : curriculum.firstFreeNumber();
            Path taken = curriculum.folderNumbered(n);
            if (taken != null) {
                throw new FileAlreadyExistsException(taken.toString(), null, "number " + n + " is taken by " + taken.getFileName()
                    + "; choose another or leave the number out");
            }
            folderName = String.format(Locale.ROOT, "%02d-%s", n, name);
        }
        Path lab = dir.resolve(folderName);
        Files.createDirectories(dir);
        Files.createDirectory(lab); // atomic: a concurrent second scaffold fails here
        String title = title(name);
        List<Path> written = new ArrayList<>();
        Path script = lab.resolve(name + ".lab.kts");
        Path readme = lab.resolve("README.md");
        if (kind == Kind.WALKTHROUGH) {
            written.add(write(script, Walkthroughs.script(name, title)));
            written.add(write(readme, Walkthroughs.readme(name, title)));
        } else {
            written.add(write(script, Templates.script(name, title)));
            written.add(write(readme, Templates.readme(name, title)));
            written.add(write(lab.resolve("submission-template").resolve("answers.properties"), Templates.template()));
            written.add(write(lab.resolve("solution").resolve("answers.properties"), Templates.solution()));
        }
        return new Created(lab, script, readme, kind, List.copyOf(written));
    }

    /** "syn-flood" → "Syn flood". */
    static String title(String name) {
        String words = name.replace('-', ' ').replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        return file;
    }

    /** Where a lab's author reads next: printed by `tcplab new` and `mvn lab:new`. */
    public static final String WRITING_IT = "Writing it: docs/dsl-tour.md builds a lab step by step (labs/15-tour/), "
        + "and every DSL function, with an example, is in the reference lab-dsl/target/dokka/index.html "
        + "(mvn -B -pl lab-dsl -am package -DskipTests).";
}
