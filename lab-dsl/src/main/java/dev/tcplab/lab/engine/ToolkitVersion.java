package dev.tcplab.lab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The toolkit's version: the Maven project's, written into tcplab-version.properties by the
 * build's resource filtering, so the CLI, the engine and the artifacts say one version.
 */
final class ToolkitVersion {
    static final String RESOURCE = "/dev/tcplab/lab/tcplab-version.properties";

    private ToolkitVersion() {}

    static String read() {
        try (InputStream in = ToolkitVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build lab-dsl with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build: '" + v + "'");
            }
            return v.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
