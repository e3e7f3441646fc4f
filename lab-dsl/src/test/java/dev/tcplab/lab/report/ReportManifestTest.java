package dev.tcplab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run removes what the previous run into its directory wrote, and nothing else. */
class ReportManifestTest {
    @TempDir
    Path tmp;

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aOneLabRunLeavesOnlyThatRunsResults() throws IOException {
        Path dir = tmp.resolve("lab-reports");
        Reports.write(SampleRuns.run(), dir); // three labs
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("syn-ack-lost/mine.txt"), "mine too");
        Reports.write(new RunResult(3, List.of(SampleRuns.many(4)), 1), dir);
        assertEquals(List.of(".tcplab-reports", "TEST-many.xml", "index.html", "many/index.html", "many/result.json",
            "many/trace.txt", "notes.txt", "summary.txt", "syn-ack-lost/mine.txt"), files(dir));
        assertFalse(Files.exists(dir.resolve("_._broken_lab")), "an emptied lab folder goes too");
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(index.contains("1 lab(s)") && index.contains("many/index.html") && !index.contains("syn-ack-lost"), index);
    }

    @Test
    void aListedPathOutsideTheDirectoryIsNeverDeleted() throws IOException {
        Path dir = tmp.resolve("r");
        Files.createDirectories(dir.resolve("lab"));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
        Path deep = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(deep.resolve("x.txt"), "keep");
        Files.createSymbolicLink(dir.resolve("link"), deep);
        Files.writeString(dir.resolve(".tcplab-reports"), "../outside.txt\n/etc/hostname\nlink/x.txt\nlab/../../outside.txt\nTEST-a.xml\n");
        Files.writeString(dir.resolve("TEST-a.xml"), "<testsuite/>");
        Reports.write(new RunResult(3, List.of(SampleRuns.many(4)), 1), dir);
        assertTrue(Files.exists(outside) && Files.exists(deep.resolve("x.txt")));
        assertFalse(Files.exists(dir.resolve("TEST-a.xml")), "a listed file inside goes");
    }

    @Test
    void beforeTheListExistedOnlyThisToolsFilesGo() throws IOException {
        Path old = tmp.resolve("old");
        Reports.write(SampleRuns.run(), old);
        Files.delete(old.resolve(ReportManifest.NAME)); // as an earlier version left it
        Files.writeString(old.resolve("TEST-someone-else.xml"), "<testsuite name=\"x\"><properties/></testsuite>");
        Reports.write(new RunResult(3, List.of(SampleRuns.many(4)), 1), old);
        List<String> left = files(old);
        assertTrue(left.contains("TEST-someone-else.xml"), "not ours: kept");
        assertFalse(left.contains("TEST-syn-ack-lost.xml") || left.contains("syn-ack-lost/client-server.pcap"), left.toString());
        assertFalse(Files.exists(old.resolve("syn-ack-lost")), left.toString());
    }
}
