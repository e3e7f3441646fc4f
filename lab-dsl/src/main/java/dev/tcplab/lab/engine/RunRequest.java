package dev.tcplab.lab.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to run. {@code inputs} are *.lab.kts files or directories searched recursively.
 * {@code seed} null = each lab's own seed or the default (1). {@code onlyCheck} null = all checks.
 * {@code submission} null = no student submission. {@code reportsDir} null = no reports.
 */
public record RunRequest(List<Path> inputs, Long seed, String onlyLab, String onlyCheck,
                         Path submission, Path reportsDir, Duration labTimeout) {}
