package dev.tcplab.lab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.grade.ClassroomWriter;
import dev.tcplab.lab.report.JsonReader;
import dev.tcplab.lab.report.SampleRuns;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * GitHub Classroom: the runner result the autograding reporter reads (per-check points that sum
 * to the grade), and the workflow template (valid YAML; the reporter's variable named after the
 * grading step; the grading step's Maven flags the ones the plugin's IT runs; names that could
 * inject YAML refused).
 */
class ClassroomTest {
    @Test
    @SuppressWarnings("unchecked")
    void theRunnerResultCarriesEachChecksPoints() {
        LabResult lab = SampleRuns.synAckLost();
        RunResult run = new RunResult(7, List.of(lab), 10, null);
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(ClassroomWriter.render(run, false));
        assertEquals(1L, ((Number) json.get("version")).longValue());
        assertEquals("fail", json.get("status"), "one check failed");
        assertEquals(lab.maxPoints(), ((Number) json.get("max_score")).doubleValue());
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertEquals(lab.checks().size(), tests.size());
        double sum = tests.stream().mapToDouble(t -> ((Number) t.get("score")).doubleValue()).sum();
        assertEquals(lab.points(), sum, "Classroom's points are the sum of the tests' scores");
        assertTrue(tests.stream().allMatch(t -> List.of("pass", "fail", "error").contains(t.get("status"))));
        Map<String, Object> hidden = tests.stream().filter(t -> ((String) t.get("name")).endsWith("(hidden)")).findFirst()
            .orElseThrow();
        assertEquals("", hidden.get("message"), "a hidden check's message is not shown");
        assertEquals("error", ((Map<String, Object>) JsonReader.parse(ClassroomWriter.render(run, true))).get("status"),
            "a grading-machine problem is an error, not a grade");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowIsValidAndGradesWithTheTestedFlags() {
        String text = ClassroomWorkflow.render("uni-x/tcp-course", "v2026.1", "1.2.3");
        Map<String, Object> y = new Yaml().load(text);
        assertEquals("Autograding Tests", y.get("name"), "the reporter finds its check run by this name");
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) y.get("jobs")).get("run-autograding-tests");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        Map<String, Object> course = steps.stream().filter(s -> "Checkout the exercises".equals(s.get("name")))
            .findFirst().orElseThrow();
        assertEquals(Map.of("repository", "uni-x/tcp-course", "ref", "v2026.1", "path", "course"), course.get("with"));
        Map<String, Object> grade = steps.stream().filter(s -> "tcplab".equals(s.get("id"))).findFirst().orElseThrow();
        String run = (String) grade.get("run");
        assertTrue(run.contains("mvn -B -ntp dev.tcplab:lab-maven-plugin:1.2.3:grade "
            + String.join(" ", ClassroomWorkflow.GRADE_FLAGS)), run);
        assertTrue(run.contains("base64 -w0 grades/classroom.json"), run);
        Map<String, Object> reporter = steps.get(steps.size() - 1);
        assertEquals("classroom-resources/autograding-grading-reporter@v1", reporter.get("uses"));
        String runner = (String) ((Map<String, Object>) reporter.get("with")).get("runners");
        assertEquals("${{ steps." + grade.get("id") + ".outputs.result }}",
            ((Map<String, Object>) reporter.get("env")).get(runner.toUpperCase() + "_RESULTS"),
            "the reporter reads <RUNNER>_RESULTS");
        assertEquals(List.of("push", "workflow_dispatch", "repository_dispatch"), y.get("on"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aToolkitRepositoryReachesMavenThroughASettingsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        String url = "https://maven.uni.example/releases";
        Map<String, Object> y = new Yaml().load(ClassroomWorkflow.render("uni-x/tcp-course", "v1", "1.2.3", url));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) y.get("jobs")).get("run-autograding-tests");
        String run = (String) ((List<Map<String, Object>>) job.get("steps")).stream()
            .filter(s -> "tcplab".equals(s.get("id"))).findFirst().orElseThrow().get("run");
        assertTrue(run.contains("mvn -B -ntp -s \"$RUNNER_TEMP/tcplab-settings.xml\" dev.tcplab:lab-maven-plugin:1.2.3:grade "
            + String.join(" ", ClassroomWorkflow.GRADE_FLAGS)), run);
        // the step's lines before Maven, run by bash as the runner would: they write a settings file Maven can read
        String before = run.substring(0, run.indexOf("mvn -B"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-euc", before).redirectErrorStream(true);
        pb.environment().put("RUNNER_TEMP", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(tmp.resolve("tcplab-settings.xml").toFile());
        var urls = doc.getElementsByTagName("url");
        assertEquals(2, urls.getLength());
        assertEquals(url, urls.item(0).getTextContent());
        assertEquals(url, urls.item(1).getTextContent());
        assertEquals("tcplab", doc.getElementsByTagName("activeProfile").item(0).getTextContent());
        assertTrue(doc.getElementsByTagName("pluginRepository").getLength() == 1);

        String plain = ClassroomWorkflow.render("uni-x/tcp-course", "v1", "1.2.3");
        assertTrue(!plain.contains("tcplab-settings.xml") && !plain.contains("@SETTINGS"), "no settings without a repository");
        assertThrows(IllegalArgumentException.class,
            () -> ClassroomWorkflow.render("a/b", "main", "1", "https://x/r\nSETTINGS\nrm -rf ~"));
    }

    @Test
    void namesThatCouldInjectYamlAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassroomWorkflow.render("a/b\n    evil: x", "main", "1"));
        assertThrows(IllegalArgumentException.class, () -> ClassroomWorkflow.render("a/b", "main; rm -rf /", "1"));
        assertThrows(IllegalArgumentException.class, () -> ClassroomWorkflow.render("a/b", "../x", "1"));
        assertThrows(IllegalArgumentException.class, () -> ClassroomWorkflow.render("ab", "main", "1"));
    }
}
