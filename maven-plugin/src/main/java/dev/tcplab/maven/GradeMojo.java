package dev.tcplab.maven;

import dev.tcplab.lab.grade.Grader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:grade -Dsubmission=DIR}: grades a submission in a forked, limited JVM; writes
 * Gradescope results.json and the reports. A low score is a result, not a build failure
 * (unless lab.failBelowFullScore); a missing submission is.
 */
@Mojo(name = "grade", threadSafe = true)
public class GradeMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    @Parameter(property = "lab")
    String lab;

    @Parameter(property = "submission", required = true)
    File submission;

    @Parameter(property = "lab.reportsDirectory", defaultValue = "${project.build.directory}/lab-reports")
    File reportsDirectory;

    @Parameter(property = "lab.seed")
    Long seed;

    /** Wall-clock limit per lab: 90, 90s, 1500ms, 2m. */
    @Parameter(property = "lab.timeout")
    String timeout;

    /** The grading JVM's heap cap. */
    @Parameter(property = "lab.maxHeap", defaultValue = "256m")
    String maxHeap;

    @Parameter
    List<String> includes;

    @Parameter
    List<String> excludes;

    @Parameter(property = "lab.failBelowFullScore", defaultValue = "false")
    boolean failBelowFullScore;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (submission == null || !submission.isDirectory()) {
            throw new MojoFailureException("Submission not found: " + submission + " (give -Dsubmission=DIR)");
        }
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        Grader.Outcome o;
        try {
            List<Path> scripts = LabScripts.find(dir, includes, excludes, lab);
            if (scripts.isEmpty()) {
                throw new MojoFailureException("No labs to grade under " + dir + (lab == null ? "" : " named " + lab));
            }
            Files.createDirectories(reportsDirectory.toPath());
            o = Grader.grade(new Grader.Request(scripts, submission.toPath(), reportsDirectory.toPath(), seed,
                LabScripts.duration(timeout), maxHeap));
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Grading failed: " + e, e);
        }
        getLog().info("Score: " + ConsoleListener.num(o.score()) + " / " + ConsoleListener.num(o.maxScore()));
        getLog().info("Gradescope results: " + o.resultsJson());
        getLog().info("Reports: " + reportsDirectory.toPath().resolve("index.html"));
        if (failBelowFullScore && !o.allPassed()) {
            throw new MojoFailureException("Not every check passed: " + ConsoleListener.num(o.score()) + " / "
                + ConsoleListener.num(o.maxScore()));
        }
    }
}
