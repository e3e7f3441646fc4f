package dev.tcplab.lab.grade;

import dev.tcplab.lab.engine.LabEngine;
import dev.tcplab.lab.engine.LabListener;
import dev.tcplab.lab.engine.RunRequest;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists checks by running each lab in this (grading) process against the lab's reference
 * solution (the {@code solution/} folder beside the script, as {@code lab:new} scaffolds it),
 * or an empty submission when there is none. Only instructor code runs here: the lab and its
 * solution. Checks must therefore be declared whatever the submission holds; a lab that errors
 * before declaring them cannot be graded and says so.
 */
public final class EngineCatalog implements CheckCatalog {
    private final Duration timeout;

    public EngineCatalog(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public List<LabDefinition> list(List<Path> scripts, Long seed) {
        List<LabDefinition> out = new ArrayList<>();
        for (Path script : scripts) {
            Path solution = script.toAbsolutePath().getParent().resolve("solution");
            Path empty = null;
            try {
                if (!Files.isDirectory(solution)) {
                    empty = Files.createTempDirectory("tcplab-empty-submission");
                    solution = empty;
                }
                RunResult run = new LabEngine().run(
                    new RunRequest(List.of(script), seed, null, null, solution, null, timeout), LabListener.NONE);
                for (LabResult lab : run.labs()) {
                    out.add(definition(lab));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (empty != null) {
                    empty.toFile().delete();
                }
            }
        }
        return out;
    }

    static LabDefinition definition(LabResult lab) {
        List<LabDefinition.CheckDefinition> checks = new ArrayList<>();
        for (CheckResult c : lab.checks()) {
            checks.add(new LabDefinition.CheckDefinition(c.name(), c.step(), c.maxPoints(), c.hidden()));
        }
        String problem = null;
        if (checks.isEmpty() && lab.outcome() == Outcome.ERROR) {
            problem = "the lab's checks could not be listed without a submission (declare checks whatever the "
                + "submission holds; read it inside check { }): " + lab.error();
        }
        return new LabDefinition(lab.id(), lab.title(), lab.script(), checks, problem);
    }
}
