package dev.tcplab.maven;

import dev.tcplab.lab.course.CourseScaffold;
import dev.tcplab.lab.engine.LabEngine;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn dev.tcplab:lab-maven-plugin:VERSION:new-course -Dcourse=NAME}: writes a course
 * repository into {@code ./NAME} (no project needed): a pom that uses this plugin by version, labs/
 * with a walk-through and an exercise, a README and a .gitignore. A thin shell over
 * {@link CourseScaffold}, which {@code tcplab new-course} uses too.
 */
@Mojo(name = "new-course", requiresProject = false, threadSafe = true)
public class NewCourseMojo extends AbstractMojo {
    /** The course's name: its folder and Maven artifactId. */
    @Parameter(property = "course", required = true)
    String course;

    /** Its Maven groupId. */
    @Parameter(property = "course.group", defaultValue = "edu.example")
    String group;

    /** Where to write it; default ./NAME. */
    @Parameter(property = "course.directory")
    File directory;

    /**
     * A Maven repository URL the course resolves the toolkit from (where it was published with
     * {@code mvn deploy}); default none: Maven Central.
     */
    @Parameter(property = "course.toolkitRepository")
    String toolkitRepository;

    @Parameter(defaultValue = "${user.dir}", readonly = true)
    File userDir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        File dir = directory != null ? directory : new File(userDir, course);
        try {
            CourseScaffold.write(dir.toPath(), course, group, LabEngine.VERSION, toolkitRepository);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        getLog().info("Course written to " + dir + ": cd " + dir + " && mvn verify");
    }
}
