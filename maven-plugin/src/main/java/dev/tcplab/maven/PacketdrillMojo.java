package dev.tcplab.maven;

import dev.tcplab.lab.packetdrill.PacketdrillSuite;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn lab:packetdrill -Dpacketdrill.scripts=DIR|FILE,...}: plays packetdrill scripts against
 * the model (a fresh host each, virtual time), prints a line per script and the reason under each
 * that did not pass, writes {@code TEST-packetdrill.xml}, a pcap and a ladder per script, and fails the build
 * when a script does not pass. A thin shell over {@link PacketdrillSuite}, which
 * {@code tcplab packetdrill} uses too.
 */
@Mojo(name = "packetdrill", requiresProject = false, threadSafe = true)
public class PacketdrillMojo extends AbstractMojo {
    @Parameter(defaultValue = "${user.dir}", readonly = true)
    File userDir;

    /** Scripts or folders of scripts ({@code *.pkt}), comma-separated; default {@code src/test/packetdrill}. */
    @Parameter(property = "packetdrill.scripts")
    List<File> scripts;

    /** Where TEST-packetdrill.xml and the pcaps go (the previous run's files there are removed first). */
    @Parameter(property = "packetdrill.reportsDirectory", defaultValue = "${project.build.directory}/packetdrill-reports")
    File reportsDirectory;

    /** Fail the build when a script does not pass (default true). */
    @Parameter(property = "packetdrill.failOnFailure", defaultValue = "true")
    boolean failOnFailure;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> inputs = new ArrayList<>();
        if (scripts == null || scripts.isEmpty()) {
            inputs.add(userDir.toPath().resolve("src/test/packetdrill"));
        } else {
            scripts.forEach(f -> inputs.add(f.toPath()));
        }
        // without a project, ${project.build.directory} is not a real folder: target/ of where mvn runs
        Path reports = reportsDirectory.getPath().contains("${") ? userDir.toPath().resolve("target/packetdrill-reports")
            : reportsDirectory.toPath();
        PacketdrillSuite.Summary summary;
        try {
            summary = PacketdrillSuite.run(inputs, reports, getLog()::info);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + reports + ": " + e.getMessage(), e);
        }
        getLog().info("Reports: " + reports.resolve("TEST-packetdrill.xml") + ", a pcap per script in " + reports.resolve("pcap")
            + " and its ladder in " + reports.resolve("ladder"));
        if (failOnFailure && summary.passed() < summary.results().size()) {
            throw new MojoFailureException(summary.line() + " (the reasons are above; docs/packetdrill.md)");
        }
    }
}
