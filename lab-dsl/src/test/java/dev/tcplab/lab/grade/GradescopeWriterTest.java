package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.report.JsonReader;
import dev.tcplab.lab.report.SampleRuns;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradescopeWriterTest {
    @Test
    void followsTheAutograderSpecification(@TempDir Path tmp) throws IOException {
        RunResult run = SampleRuns.run();
        Path file = GradescopeWriter.write(run, tmp.resolve("out/results.json"));
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(file));
        assertEquals(4.5, json.get("score"));
        assertEquals(0L, json.get("execution_time"));
        assertEquals("md", json.get("output_format"));
        assertTrue(((String) json.get("output")).startsWith("**Score: 4.50 / 9.50** (seed 7)"), (String) json.get("output"));
        List<?> tests = (List<?>) json.get("tests");
        assertEquals(5 + 1 + 1, tests.size(), "5 + 1 checks and the broken lab's error");
        Map<?, ?> failed = (Map<?, ?>) tests.get(1);
        assertEquals("syn-ack-lost: client established after the third SYN-ACK", failed.get("name"));
        assertEquals(List.of(0L, 3L, "failed", "visible", "md"), List.of(failed.get("score"), failed.get("max_score"),
            failed.get("status"), failed.get("visibility"), failed.get("output_format")));
        assertTrue(((String) failed.get("output")).contains("```\nexpected TCP_ESTABLISHED at 2.0 s\n but was"));
        Map<?, ?> hidden = (Map<?, ?>) tests.get(2);
        assertEquals(List.of(1.5, 1.5, "passed", "after_published"), List.of(hidden.get("score"), hidden.get("max_score"),
            hidden.get("status"), hidden.get("visibility")));
        Map<?, ?> broken = (Map<?, ?>) tests.get(5);
        assertEquals("../broken lab: lab could not run to the end", broken.get("name"));
        assertTrue(((String) broken.get("output")).contains("at `broken.lab.kts:5:5`"));
        double sum = tests.stream().mapToDouble(t -> ((Number) ((Map<?, ?>) t).get("score")).doubleValue()).sum();
        assertEquals(4.5, sum);
        assertEquals(GradescopeWriter.render(run), Files.readString(file), "deterministic");
    }

    @Test
    void studentsSeeFileAndLineNotTheGradingMachinesPaths() {
        String script = "/srv/grading/course-7/labs/x/x.lab.kts";
        dev.tcplab.lab.result.CheckResult c = new dev.tcplab.lab.result.CheckResult("c", null, 0, 1, false,
            dev.tcplab.lab.result.Outcome.FAILED, "expected 1 but was 2 at 0 s (" + script + ":9)", 0,
            new dev.tcplab.lab.result.SourceLocation(script, 9, 5));
        dev.tcplab.lab.result.LabResult lab = new dev.tcplab.lab.result.LabResult("x", "X", script, 1,
            dev.tcplab.lab.result.Outcome.FAILED, null, null, List.of(c), null, 0, 0);
        String json = GradescopeWriter.render(new dev.tcplab.lab.result.RunResult(1, List.of(lab), 0));
        assertTrue(json.contains("x.lab.kts:9:5") && json.contains("(x.lab.kts:9)"), json);
        assertTrue(!json.contains("/srv/grading"), json);
    }
}
