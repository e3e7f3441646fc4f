package dev.tcplab.lab.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a course repository: a pom that uses the plugin by version (and puts the lab script
 * definition on the module's class path as a {@code provided} dependency, for the IDE), a
 * {@code labs/} folder with a sample walk-through and a sample exercise ({@code solution/} and
 * {@code submission-template/}), a README for instructors and a {@code .gitignore}. Shared by
 * {@code mvn lab:new-course} and {@code tcplab new-course}. Refuses to write into a folder that
 * has anything in it, so it never overwrites a course.
 */
public final class CourseScaffold {
    /** A course name: a Maven artifactId and a folder name. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    /**
     * A Maven repository URL the pom may name: http(s) or file, and no character that would need
     * escaping in XML (the URL is written into the pom as it is).
     */
    public static final Pattern REPOSITORY_URL = Pattern.compile("(https?|file):/{1,3}[A-Za-z0-9._~:/%+=@,-]{1,500}");

    /** The template's files: resource name (under newcourse/) and where it goes in the course. */
    private static final List<String[]> FILES = List.of(
        new String[] {"pom.xml.txt", "pom.xml"},
        new String[] {"README.md.txt", "README.md"},
        new String[] {"gitignore.txt", ".gitignore"},
        new String[] {"labs/01-handshake/handshake.lab.kts.txt", "labs/01-handshake/handshake.lab.kts"},
        new String[] {"labs/01-handshake/README.md.txt", "labs/01-handshake/README.md"},
        new String[] {"labs/02-exercise-handshake/exercise-handshake.lab.kts.txt",
            "labs/02-exercise-handshake/exercise-handshake.lab.kts"},
        new String[] {"labs/02-exercise-handshake/README.md.txt", "labs/02-exercise-handshake/README.md"},
        new String[] {"labs/02-exercise-handshake/solution/answers.properties.txt",
            "labs/02-exercise-handshake/solution/answers.properties"},
        new String[] {"labs/02-exercise-handshake/submission-template/answers.properties.txt",
            "labs/02-exercise-handshake/submission-template/answers.properties"});

    private CourseScaffold() {}

    /** Writes the course into {@code dir} (created; must be missing or empty) and returns the files written. */
    public static List<Path> write(Path dir, String course, String group, String toolkitVersion) throws IOException {
        return write(dir, course, group, toolkitVersion, null);
    }

    /**
     * As {@link #write(Path, String, String, String)}; with a {@code toolkitRepository} URL the pom
     * resolves the toolkit (plugin and script definition) from that Maven repository as well as from
     * Maven Central: where a university publishes the toolkit with {@code mvn deploy}.
     */
    public static List<Path> write(Path dir, String course, String group, String toolkitVersion, String toolkitRepository)
            throws IOException {
        if (!NAME.matcher(course).matches()) {
            throw new IllegalArgumentException("course name '" + course + "': lower-case letters, digits and '-', "
                + "starting with a letter (it becomes the Maven artifactId), e.g. net-course-2026");
        }
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("group '" + group + "' is not a Maven groupId like edu.uni.net");
        }
        if (!toolkitVersion.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("bad toolkit version " + toolkitVersion);
        }
        if (toolkitRepository != null && !REPOSITORY_URL.matcher(toolkitRepository).matches()) {
            throw new IllegalArgumentException("toolkit repository '" + toolkitRepository + "' is not an http(s) or file URL "
                + "like https://maven.uni.example/releases or file:///srv/maven");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(dir + " exists and is not a folder");
            }
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: a course is written into a new folder");
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (String[] f : FILES) {
            String text = resource(f[0]).replace("@COURSE@", course).replace("@GROUP@", group)
                .replace("@VERSION@", toolkitVersion).replace("@REPOSITORIES@", repositories(toolkitRepository));
            Path to = dir.resolve(f[1]);
            Files.createDirectories(to.getParent());
            Files.writeString(to, text, StandardCharsets.UTF_8);
            written.add(to);
        }
        return written;
    }

    /** The pom's repositories for the toolkit: none (Maven Central) or the given one, for dependencies and plugins. */
    private static String repositories(String url) {
        if (url == null) {
            return "";
        }
        return """

              <!-- the toolkit (lab-maven-plugin, lab-dsl, stack-core) comes from here; everything else from Maven Central -->
              <repositories>
                <repository><id>tcplab</id><url>URL</url></repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository><id>tcplab</id><url>URL</url></pluginRepository>
              </pluginRepositories>
            """.replace("URL", url).stripTrailing();
    }

    private static String resource(String name) {
        try (InputStream in = CourseScaffold.class.getResourceAsStream("newcourse/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource newcourse/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
