package dev.tcplab.lab.grade;

import dev.tcplab.lab.report.JsonReader;
import dev.tcplab.lab.report.ResultJson;
import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a grading worker sent into a trusted LabResult. The definitions decide which
 * checks exist and what each is worth; the worker only contributes outcomes, messages and the
 * trace. A check the worker did not report, reported more or fewer times than it is defined,
 * or reported in a record that does not parse, is FAILED; a worker that did not end normally
 * (exit status, crash, time limit, flood, no END record) makes every check of its lab ERROR.
 * Nothing here can raise a score above the definitions' points.
 */
final class Marking {
    static final int MAX_MESSAGE = 4000;

    private Marking() {}

    /** Records of the worker's stdout that carry the token; the count of lines that did not. */
    record Records(List<String> labs, boolean ended, int foreign) {}

    static Records records(byte[] stdout, String token) {
        List<String> labs = new ArrayList<>();
        boolean ended = false;
        int foreign = 0;
        String prefix = token + " ";
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(prefix)) {
                foreign++;
                continue;
            }
            String rest = line.substring(prefix.length());
            if (ended) {
                foreign++;
            } else if (rest.equals(GradeWorker.END)) {
                ended = true;
            } else if (rest.startsWith(GradeWorker.LAB + " ")) {
                labs.add(rest.substring(GradeWorker.LAB.length() + 1));
            } else {
                foreign++;
            }
        }
        return new Records(labs, ended, foreign);
    }

    /** A lab graded from a worker that ran; {@code problem} non-null = the run is not to be trusted. */
    static LabResult mark(LabDefinition def, long seed, Records records, String problem, long wallMillis) {
        if (problem == null && !records.ended()) {
            problem = "the grading worker ended without finishing its report";
        }
        if (problem == null && records.labs().size() != 1) {
            problem = "the grading worker sent " + records.labs().size() + " lab records instead of 1";
        }
        LabResult sent = null;
        if (problem == null) {
            try {
                sent = ResultJson.read(JsonReader.parse(records.labs().get(0)));
            } catch (IllegalArgumentException e) {
                return failAll(def, seed, Outcome.FAILED, "the grading worker's result did not parse: " + e.getMessage(),
                    wallMillis, null, 0);
            }
            if (!def.id().equals(sent.id())) {
                problem = "the grading worker reported lab '" + cut(sent.id()) + "' instead of '" + def.id() + "'";
            }
        }
        if (problem != null) {
            return failAll(def, seed, Outcome.ERROR, problem, wallMillis, null, 0);
        }
        Map<String, List<CheckResult>> byName = new HashMap<>();
        for (CheckResult c : sent.checks()) {
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> defined = new HashMap<>();
        def.checks().forEach(c -> defined.merge(c.name(), 1, Integer::sum));
        Map<String, Integer> used = new HashMap<>();
        List<CheckResult> checks = new ArrayList<>();
        for (LabDefinition.CheckDefinition d : def.checks()) {
            List<CheckResult> got = byName.getOrDefault(d.name(), List.of());
            int n = used.merge(d.name(), 1, Integer::sum) - 1;
            if (got.isEmpty()) {
                checks.add(failed(d, Outcome.FAILED, "no result for this check from the grading worker"));
            } else if (got.size() != defined.get(d.name())) {
                checks.add(failed(d, Outcome.FAILED, "the grading worker reported this check " + got.size()
                    + " times (defined " + defined.get(d.name()) + ")"));
            } else {
                checks.add(trusted(d, got.get(n)));
            }
        }
        long unknown = sent.checks().stream().filter(c -> !defined.containsKey(c.name())).count();
        String error = sent.error() == null ? null : cut(sent.error());
        if (unknown > 0) {
            error = (error == null ? "" : error + "\n") + "ignored " + unknown + " check result(s) the lab does not define";
        }
        return new LabResult(def.id(), title(def), def.script(), seed, outcome(checks, sent.error() != null), error,
            sent.errorLocation(), checks, sent.trace(), wallMillis, sent.virtualNanos());
    }

    /** Every check of the lab without points, for a lab whose worker cannot be trusted (or never ran). */
    static LabResult failAll(LabDefinition def, long seed, Outcome outcome, String why, long wallMillis,
                             dev.tcplab.lab.result.LabTrace trace, long virtualNanos) {
        List<CheckResult> checks = new ArrayList<>();
        for (LabDefinition.CheckDefinition d : def.checks()) {
            checks.add(failed(d, outcome, "not graded: " + why));
        }
        return new LabResult(def.id(), title(def), def.script(), seed, Outcome.ERROR, why, null, checks, trace,
            wallMillis, virtualNanos);
    }

    private static CheckResult trusted(LabDefinition.CheckDefinition d, CheckResult sent) {
        Outcome o = sent.outcome() == null ? Outcome.FAILED : sent.outcome();
        double points = o == Outcome.PASSED ? d.maxPoints() : 0;
        return new CheckResult(d.name(), d.step(), points, d.maxPoints(), d.hidden(), o,
            o == Outcome.PASSED ? null : cut(sent.message()), sent.virtualTimeNanos(), sent.location());
    }

    private static CheckResult failed(LabDefinition.CheckDefinition d, Outcome o, String why) {
        return new CheckResult(d.name(), d.step(), 0, d.maxPoints(), d.hidden(), o, why, -1, null);
    }

    private static Outcome outcome(List<CheckResult> checks, boolean labError) {
        if (labError || checks.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
            return Outcome.ERROR;
        }
        return checks.stream().allMatch(c -> c.outcome() == Outcome.PASSED || c.outcome() == Outcome.SKIPPED)
            ? Outcome.PASSED : Outcome.FAILED;
    }

    private static String title(LabDefinition def) {
        return def.title() == null ? def.id() : def.title();
    }

    static String cut(String s) {
        if (s == null || s.length() <= MAX_MESSAGE) {
            return s;
        }
        return s.substring(0, MAX_MESSAGE) + "… (" + (s.length() - MAX_MESSAGE) + " more characters)";
    }
}
