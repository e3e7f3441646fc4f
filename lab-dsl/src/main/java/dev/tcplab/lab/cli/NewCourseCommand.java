package dev.tcplab.lab.cli;

import dev.tcplab.lab.course.CourseScaffold;
import dev.tcplab.lab.engine.LabEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab new-course`: a course repository that uses the toolkit by version. */
final class NewCourseCommand implements Command {
    private final PrintStream out;

    NewCourseCommand(PrintStream out) {
        this.out = out;
    }

    @Override public String name() { return "new-course"; }

    @Override public String summary() { return "write a course repository (pom, labs/, README)"; }

    @Override public String usage() { return "new-course --course NAME [--group GROUP] [--toolkit-repository URL] [DIR]"; }

    @Override
    public String details() {
        return """
            Writes a new course repository into DIR (default: ./NAME; it must be new or empty):
            a pom using lab-maven-plugin by version, labs/ with a walk-through and an exercise,
            a README for instructors and a .gitignore. Then: cd NAME && mvn verify.
            --toolkit-repository names the Maven repository the toolkit was deployed to
            (mvn deploy -Dtcplab.deployUrl=URL in the toolkit's repository) when it is not
            on Maven Central.
            Example:
              tcplab new-course --course net-course-2026 --group edu.uni.net""";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("c", "course", "NAME", "the course's name (its Maven artifactId)"))
            .addOption(Args.option("g", "group", "GROUP", "its Maven groupId (default edu.example)"))
            .addOption(Args.option(null, "toolkit-version", "VERSION", "the toolkit version to use (default this one)"))
            .addOption(Args.option(null, "toolkit-repository", "URL", "the Maven repository holding the toolkit (default Maven Central)"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        String course = line.getOptionValue("course");
        if (course == null) {
            throw new UsageError("--course NAME is required");
        }
        Path dir = line.getArgList().isEmpty() ? Path.of(course) : Path.of(line.getArgList().get(0));
        try {
            CourseScaffold.write(dir, course, line.getOptionValue("group", "edu.example"),
                line.getOptionValue("toolkit-version", LabEngine.VERSION), line.getOptionValue("toolkit-repository"));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot write " + dir + ": " + e.getMessage());
        }
        out.println("Course written to " + dir + ": cd " + dir + " && mvn verify (runs its labs); "
            + "mvn lab:grade -Dlab.solutions=true (grades its reference solutions).");
        return 0;
    }
}
