package dev.tcplab.maven;

import dev.tcplab.lab.grade.BatchGrading;
import dev.tcplab.lab.grade.BatchSummary;
import dev.tcplab.lab.grade.GradeTable;
import dev.tcplab.lab.grade.Grader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:grade -Dsubmission=DIR}: grades a submission against the exercises (labs with a
 * solution/ or submission-template/ folder), all into one results.json, one JUnit XML and one
 * console table. The submission's code runs in a separate process inside the operating system's
 * sandbox; without one it is not run unless {@code -Dlab.trustSubmissions}. A low score is a
 * result, not a build failure (unless lab.failBelowFullScore); a missing submission, or a grading
 * machine that could not grade (no sandbox, a broken exercise), is.
 */
@Mojo(name = "grade", threadSafe = true)
public class GradeMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** Where the labs are; default src/labs when present, else labs, else the project folder itself. */
    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    /** Grade only this lab (id or folder name); it is graded even if it is not an exercise. */
    @Parameter(property = "lab")
    String lab;

    /** The submission folder (a folder per exercise inside it, named like the exercise, or one for all). */
    @Parameter(property = "submission")
    File submission;

    /**
     * A folder of submissions, one subfolder each: every one is graded into
     * {@code reportsDirectory/<subfolder>/}, and all into {@code reportsDirectory/gradebook.csv}.
     */
    @Parameter(property = "lab.submissions")
    File submissions;

    /** With {@code lab.submissions}: how many submissions are graded at a time. */
    @Parameter(property = "lab.parallel", defaultValue = "1")
    int parallel;

    /** Grade each exercise with its own solution/ folder instead of a submission: an instructor's check. */
    @Parameter(property = "lab.solutions", defaultValue = "false")
    boolean solutions;

    @Parameter(property = "lab.reportsDirectory", defaultValue = "${project.build.directory}/lab-reports")
    File reportsDirectory;

    @Parameter(property = "lab.seed")
    Long seed;

    /** Wall-clock limit per lab: 90, 90s, 1500ms, 2m. */
    @Parameter(property = "lab.timeout")
    String timeout;

    /** The heap cap of the submission's process. */
    @Parameter(property = "lab.maxHeap", defaultValue = "384m")
    String maxHeap;

    /** Run submission code without the operating system's sandbox (said in every result). */
    @Parameter(property = "lab.trustSubmissions", defaultValue = "false")
    boolean trustSubmissions;

    @Parameter
    List<String> includes;

    @Parameter
    List<String> excludes;

    @Parameter(property = "lab.failBelowFullScore", defaultValue = "false")
    boolean failBelowFullScore;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        LibraryLogging.quiet();
        if (submissions != null) {
            batch();
            return;
        }
        if (!solutions && (submission == null || !submission.isDirectory())) {
            throw new MojoFailureException("Submission not found: " + submission
                + " (give -Dsubmission=DIR, or -Dlab.solutions=true to grade the reference solutions)");
        }
        Grader.Outcome o;
        try {
            List<Path> scripts = scripts();
            Files.createDirectories(reportsDirectory.toPath());
            o = Grader.grade(new Grader.Request(settings(scripts), submission == null ? null : submission.toPath(), solutions,
                reportsDirectory.toPath()));
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Grading failed: " + e, e);
        }
        GradeTable.lines(o).forEach(getLog()::info);
        getLog().info("Gradescope results: " + o.resultsJson());
        getLog().info("Reports: " + reportsDirectory.toPath().resolve("index.html"));
        if (!o.problems().isEmpty()) {
            throw new MojoExecutionException("The grading machine could not grade: " + String.join("; ", o.problems()));
        }
        if (failBelowFullScore && !o.allPassed()) {
            throw new MojoFailureException("Not every check passed: " + GradeTable.points(o.score()) + " / "
                + GradeTable.points(o.maxScore()));
        }
    }

    private void batch() throws MojoExecutionException, MojoFailureException {
        if (submission != null || solutions) {
            throw new MojoFailureException("Give one of -Dsubmission, -Dlab.submissions or -Dlab.solutions=true");
        }
        BatchGrading.Result result;
        try (Grader grader = new Grader(settings(scripts()))) {
            result = BatchGrading.grade(grader, submissions.toPath(), parallel, reportsDirectory.toPath(),
                r -> getLog().info(BatchSummary.line(r)));
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        BatchSummary.totals(result).forEach(getLog()::info);
        if (!result.allGraded()) {
            throw new MojoExecutionException("Some submissions could not be graded; see the why column of "
                + result.gradebook());
        }
    }

    private List<Path> scripts() throws IOException, MojoFailureException {
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        List<Path> scripts = LabScripts.find(dir, includes, excludes, lab);
        if (scripts.isEmpty()) {
            throw new MojoFailureException("No labs to grade under " + dir + (lab == null ? "" : " named " + lab));
        }
        return scripts;
    }

    private Grader.Settings settings(List<Path> scripts) {
        return new Grader.Settings(scripts, lab == null ? Set.of() : Set.of(lab), seed, LabScripts.duration(timeout),
            maxHeap, trustSubmissions);
    }
}
