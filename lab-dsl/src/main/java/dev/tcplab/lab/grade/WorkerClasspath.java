package dev.tcplab.lab.grade;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path for the grading worker. Inside Maven the engine lives in the plugin's class
 * realm (a URLClassLoader) and java.class.path is only Maven's launcher, so the loaders of this
 * class are asked first; java.class.path is appended (tests, the CLI).
 */
final class WorkerClasspath {
    private WorkerClasspath() {}

    static List<Path> of(ClassLoader loader) {
        Set<Path> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException skip) {
                            // not a plain file URL
                        }
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath()); // the worker runs in another directory
            }
        }
        return new ArrayList<>(entries);
    }
}
