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
 * Scaffolds a new exercise under dir/name: the lab script with checks and points, a README with
 * instructions, a submission template and a reference solution; it runs green at once.
 */
public final class Scaffold {
    /** Lab names become folder names, file names and lab ids: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Scaffold() {}

    /** Returns the files written. Refuses (IOException) to overwrite an existing folder. */
    public static List<Path> create(Path dir, String name) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lab name '" + name + "': use lower-case letters, digits, '-' and '_' "
                + "(like syn-flood)");
        }
        Path lab = dir.resolve(name);
        if (Files.exists(lab)) {
            throw new FileAlreadyExistsException(lab.toString(), null, "a lab folder already exists; not overwriting it");
        }
        Files.createDirectories(dir);
        Files.createDirectory(lab); // atomic: a concurrent second scaffold fails here
        List<Path> written = new ArrayList<>();
        written.add(write(lab.resolve(name + ".lab.kts"), Templates.script(name, title(name))));
        written.add(write(lab.resolve("README.md"), Templates.readme(name, title(name))));
        written.add(write(lab.resolve("submission-template").resolve("answers.properties"), Templates.template()));
        written.add(write(lab.resolve("solution").resolve("answers.properties"), Templates.solution()));
        return written;
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
}
