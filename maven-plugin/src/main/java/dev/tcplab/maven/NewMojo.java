package dev.tcplab.maven;

import dev.tcplab.lab.scaffold.Scaffold;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn lab:new -Dlab=NAME}: scaffolds an exercise in the labs directory; never overwrites. */
@Mojo(name = "new", requiresProject = false, threadSafe = true)
public class NewMojo extends AbstractMojo {
    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    @Parameter(property = "lab.labsDirectory")
    File labsDirectory;

    @Parameter(property = "lab", required = true)
    String lab;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path dir = LabScripts.labsDirectory(basedir, labsDirectory);
        try {
            for (Path p : Scaffold.create(dir, lab)) {
                getLog().info("Created " + p);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new MojoFailureException("Lab " + lab + " already exists at " + e.getFile() + "; not overwriting it");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Run it against its reference solution (every check green): mvn lab:run -Dlab=" + lab
            + " -Dlab.solutions=true");
        getLog().info("Edit " + dir.resolve(lab).resolve(lab + ".lab.kts") + "; students start from its submission-template/");
    }
}
