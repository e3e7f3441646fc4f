package dev.tcplab.lab.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The GitHub Classroom workflow for a course's starter repositories: checks out the student's
 * submission and the course's exercises (a repository and ref the instructor names), runs
 * {@code lab:grade} from Maven at this toolkit's version with the grading sandbox, and hands
 * {@code grades/classroom.json} to GitHub's autograding reporter, which gives Classroom each
 * check's points.
 *
 * <p>What Classroom cannot give: the workflow runs in the student's own repository, so a student
 * can edit it (GitHub Classroom shows such edits to the instructor, but does not prevent them).
 * Grades that count belong on a grader students cannot change (the Gradescope zip, or
 * {@code lab:grade -Dlab.submissions} over the collected repositories); see docs/courses.md.
 */
public final class ClassroomWorkflow {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_./-]{1,100}");

    /** The Maven flags the workflow's grading step passes (the plugin's own test uses exactly these). */
    public static final List<String> GRADE_FLAGS = List.of("-Dlab.labsDirectory=course/labs", "-Dsubmission=submission",
        "-Dlab.reportsDirectory=grades");

    private ClassroomWorkflow() {}

    /** {@code courseRepository}: owner/name; {@code ref}: a tag, branch or commit of it. */
    public static String render(String courseRepository, String ref, String toolkitVersion) {
        return render(courseRepository, ref, toolkitVersion, null);
    }

    /**
     * As {@link #render(String, String, String)}; with a {@code toolkitRepository} URL (where the
     * toolkit was deployed, docs/courses.md) the grading step writes a Maven settings file naming
     * it and runs Maven with it, since it runs outside the course's pom.
     */
    public static String render(String courseRepository, String ref, String toolkitVersion, String toolkitRepository) {
        if (!REPOSITORY.matcher(courseRepository).matches()) {
            throw new IllegalArgumentException("course repository must be OWNER/NAME, not " + courseRepository);
        }
        if (!REF.matcher(ref).matches() || ref.contains("..")) {
            throw new IllegalArgumentException("ref must be a tag, branch or commit, not " + ref);
        }
        if (!REF.matcher(toolkitVersion).matches()) {
            throw new IllegalArgumentException("bad toolkit version " + toolkitVersion);
        }
        if (toolkitRepository != null && !CourseScaffold.REPOSITORY_URL.matcher(toolkitRepository).matches()) {
            throw new IllegalArgumentException("toolkit repository must be an http(s) or file URL, not " + toolkitRepository);
        }
        return template()
            .replace("@SETTINGS@", toolkitRepository == null ? "" : settingsStep(toolkitRepository))
            .replace("@SETTINGS_FLAG@", toolkitRepository == null ? "" : " -s \"$RUNNER_TEMP/tcplab-settings.xml\"")
            .replace("@COURSE_REPOSITORY@", courseRepository)
            .replace("@COURSE_REF@", ref)
            .replace("@PLUGIN@", "dev.tcplab:lab-maven-plugin:" + toolkitVersion)
            .replace("@GRADE_FLAGS@", String.join(" ", GRADE_FLAGS));
    }

    /** Maven settings naming the toolkit's repository for plugins and dependencies. */
    public static String settings(String toolkitRepository) {
        return """
            <settings><profiles><profile><id>tcplab</id>
              <repositories><repository><id>tcplab</id><url>URL</url></repository></repositories>
              <pluginRepositories><pluginRepository><id>tcplab</id><url>URL</url></pluginRepository></pluginRepositories>
            </profile></profiles><activeProfiles><activeProfile>tcplab</activeProfile></activeProfiles></settings>
            """.replace("URL", toolkitRepository);
    }

    /** The grading step's first lines: the settings file, written with a quoted here-document (no expansion). */
    private static String settingsStep(String toolkitRepository) {
        StringBuilder b = new StringBuilder("          cat > \"$RUNNER_TEMP/tcplab-settings.xml\" <<'SETTINGS'\n");
        settings(toolkitRepository).lines().forEach(l -> b.append("          ").append(l).append('\n'));
        return b.append("          SETTINGS\n").toString();
    }

    private static String template() {
        try (InputStream in = ClassroomWorkflow.class.getResourceAsStream("classroom.yml")) {
            if (in == null) {
                throw new IllegalStateException("missing resource classroom.yml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
