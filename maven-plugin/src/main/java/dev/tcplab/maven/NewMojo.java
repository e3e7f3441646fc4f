package dev.tcplab.maven;

import dev.tcplab.lab.scaffold.Scaffold;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:new -Dlab=NAME [-Dlab.kind=walkthrough|exercise] [-Dlab.number=N]}: scaffolds a
 * walk-through or an exercise in the labs directory, numbered into the curriculum where its
 * folders are numbered (the first free number, or lab.number); never overwrites.
 */
@Mojo(name = "new", requiresProject = false, threadSafe = true)
public class NewMojo extends AbstractMojo {
    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    /** Where the labs are; default src/labs when present, else labs. */
    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    /** The new lab's name: lower-case letters, digits, '-' and '_' (its script is NAME.lab.kts). */
    @Parameter(property = "lab", required = true)
    String lab;

    /** walkthrough (a scenario and checks) or exercise (also a submission template and a graded solution). */
    @Parameter(property = "lab.kind", defaultValue = "exercise")
    String kind;

    /** Its number in a numbered curriculum (NN-name folders); default: the first free one. */
    @Parameter(property = "lab.number")
    Integer number;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        Scaffold.Created created;
        try {
            created = Scaffold.create(dir, lab, Scaffold.Kind.parse(kind), number);
        } catch (FileAlreadyExistsException e) {
            throw new MojoFailureException("Lab " + lab + " not created: " + e.getFile() + ": " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        for (Path p : created.files()) {
            getLog().info("Created " + p);
        }
        getLog().info("Start here: " + created.readme() + ", then " + created.script());
        if (created.kind() == Scaffold.Kind.EXERCISE) {
            getLog().info("Run it against its reference solution (every check green): mvn lab:run -Dlab=" + lab
                + " -Dlab.solutions=true; students start from " + created.folder().resolve("submission-template"));
        } else {
            getLog().info("Run it (every check green): mvn lab:run -Dlab=" + lab);
        }
        getLog().info(Scaffold.WRITING_IT);
    }
}
