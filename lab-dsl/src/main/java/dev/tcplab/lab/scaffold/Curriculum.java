package dev.tcplab.lab.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The lab folders of a labs directory, and their numbers where the curriculum is numbered (NN-name). */
final class Curriculum {
    static final Pattern NUMBERED = Pattern.compile("(\\d{1,3})-(.+)");

    private final List<Path> folders;

    private Curriculum(List<Path> folders) {
        this.folders = folders;
    }

    static Curriculum of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Curriculum(List.of());
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new Curriculum(s.filter(Files::isDirectory).sorted().toList());
        }
    }

    /** True when some folder is numbered, like labs/01-three-way-handshake. */
    boolean numbered() {
        return folders.stream().anyMatch(f -> number(f) > 0);
    }

    /** The smallest number no folder has (15 for the bundled 01-14 and 20). */
    int firstFreeNumber() {
        int n = 1;
        while (folderNumbered(n) != null) {
            n++;
        }
        return n;
    }

    Path folderNumbered(int n) {
        return folders.stream().filter(f -> number(f) == n).findFirst().orElse(null);
    }

    /** The folder of a lab called name: "name", "NN-name", or one holding name.lab.kts. */
    Path folderOf(String name) {
        for (Path f : folders) {
            String folder = f.getFileName().toString();
            Matcher m = NUMBERED.matcher(folder);
            // a lab's id is its script's name, whatever its folder is called (12-exercise-predict)
            if (folder.equals(name) || m.matches() && m.group(2).equals(name) || Files.exists(f.resolve(name + ".lab.kts"))) {
                return f;
            }
        }
        return null;
    }

    private static int number(Path folder) {
        Matcher m = NUMBERED.matcher(folder.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
