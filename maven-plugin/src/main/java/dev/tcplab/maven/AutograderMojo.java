package dev.tcplab.maven;

import dev.tcplab.lab.course.AutograderZip;
import dev.tcplab.lab.grade.Grader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:autograder}: writes a Gradescope autograder zip for the exercises (labs with a
 * solution/ folder) — setup.sh, run_autograder, the toolkit's jars (this plugin's own runtime
 * class path, so Gradescope downloads nothing from Maven) and the exercises. A thin shell over
 * {@link AutograderZip}, which {@code tcplab autograder} uses too.
 */
@Mojo(name = "autograder", threadSafe = true)
public class AutograderMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** Where the labs are; default src/labs when present, else labs, else the project folder itself. */
    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    /** Put only this lab in (id or folder name). */
    @Parameter(property = "lab")
    String lab;

    /** The zip to write. */
    @Parameter(property = "lab.autograder", defaultValue = "${project.build.directory}/autograder.zip")
    File output;

    /** The seed every lab is graded with (default: each lab's own). */
    @Parameter(property = "lab.seed")
    Long seed;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true)
    List<Artifact> pluginArtifacts;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        try {
            List<Path> scripts = LabScripts.find(dir, null, null, lab);
            List<Path> exercises = Grader.exercisesIn(scripts, lab == null ? Set.of() : Set.of(lab));
            if (exercises.isEmpty()) {
                throw new MojoFailureException("No exercise under " + dir + (lab == null ? "" : " named " + lab)
                    + " (an exercise has a solution/ folder beside its .lab.kts)");
            }
            List<Path> jars = new ArrayList<>();
            for (Artifact a : pluginArtifacts) {
                if (a.getFile() != null && a.getFile().getName().endsWith(".jar")) {
                    jars.add(a.getFile().toPath());
                }
            }
            List<String> args = seed == null ? List.of() : List.of("--seed", seed.toString());
            AutograderZip.write(exercises, jars, args, output.toPath());
            getLog().info("Gradescope autograder: " + output + " (" + exercises.size() + " exercises, "
                + jars.size() + " jars)");
            getLog().info("Upload it under Configure Autograder -> Zip file upload; see docs/courses.md.");
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
