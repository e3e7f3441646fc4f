package dev.tcplab.lab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finds lab scripts: the inputs in the order given, each directory searched recursively and sorted. */
public final class LabFiles {
    public static final String EXTENSION = ".lab.kts";

    private LabFiles() {}

    /** Every *.lab.kts under the inputs, without duplicates. A missing input is an IllegalArgumentException. */
    public static List<Path> find(List<Path> inputs) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    // sorted by path text so every machine runs labs in the same order
                    walk.filter(p -> Files.isRegularFile(p) && isLab(p))
                        .sorted(Comparator.comparing(Path::toString))
                        .forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot search " + input, e);
                }
            } else if (Files.isRegularFile(input)) {
                if (!isLab(input)) {
                    throw new IllegalArgumentException(input + " is not a lab script (*" + EXTENSION + ")");
                }
                found.add(input);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + input);
            }
        }
        return new ArrayList<>(found);
    }

    public static boolean isLab(Path file) {
        return file.getFileName().toString().endsWith(EXTENSION);
    }

    /** The lab id: the file name without .lab.kts. */
    public static String id(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }
}
