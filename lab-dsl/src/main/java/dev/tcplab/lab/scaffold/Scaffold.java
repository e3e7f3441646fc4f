package dev.tcplab.lab.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scaffolds a new exercise under dir/name: the lab script with checks and points, a README with
 * instructions, a submission template and a reference solution; it runs green at once.
 */
public final class Scaffold {
    private Scaffold() {}

    /** Returns the files written. Refuses (IOException) to overwrite an existing folder. */
    public static List<Path> create(Path dir, String name) throws IOException {
        throw new UnsupportedOperationException("scaffold: TODO");
    }
}
