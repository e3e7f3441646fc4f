package dev.tcplab.lab.grade;

import java.nio.file.Path;
import java.util.List;

/**
 * Lists each lab's checks in the grading process, without the submission: the trusted
 * definitions the score is computed from. {@code scripts} are single *.lab.kts files.
 */
@FunctionalInterface
public interface CheckCatalog {
    List<LabDefinition> list(List<Path> scripts, Long seed);
}
