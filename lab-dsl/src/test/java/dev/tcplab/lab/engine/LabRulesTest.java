package dev.tcplab.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.result.CheckResult;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.Outcome;
import dev.tcplab.lab.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad lab input (issue 9): each rule broken by one small lab, which must end as an ERROR whose
 * message names the rule at the line that broke it - or, where Linux gives the value a meaning,
 * run as Linux does. All labs run in one engine run.
 */
class LabRulesTest {
    static final String AB = """
        val a = host("a", "192.0.2.1")
        val b = host("b", "192.0.2.2")
        link(a, b)
        """;

    /** id -> script; the line the rule breaks is noted per test. */
    static final Map<String, String> LABS = new TreeMap<>(Map.ofEntries(
        Map.entry("port-listen", AB + "b.listen(65536)\n"),
        Map.entry("port-connect", AB + "a.connect(b, -1)\n"),
        Map.entry("port-inject", AB + "a.inject(to = b, dstPort = 70000)\n"),
        Map.entry("delay-negative", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            link(a, b) {
                delay = (-5).ms
            }
            """),
        Map.entry("delay-nan", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            link(a, b) {
                delay = Double.NaN.ms
            }
            """),
        Map.entry("after-negative", "check(\"x\") { 1 shouldBe 1 }\nafter((-1).s) { }\n"),
        Map.entry("eventually-negative", "eventually(within = (-1).s) { }\n"),
        Map.entry("down-backwards", AB.replace("link(a, b)", "link(a, b) { down(2.s, 1.s) }")),
        Map.entry("loss-percent", AB.replace("link(a, b)", "link(a, b) {\n    loss(5.0)\n}")),
        Map.entry("drop-probability", AB.replace("link(a, b)", "link(a, b) {\n    drop(probability = -0.1) { it.tcp.syn }\n}")),
        Map.entry("link-self", "val a = host(\"a\", \"192.0.2.1\")\nlink(a, a)\n"),
        Map.entry("prefix-99", "val a = host(\"a\", \"192.0.2.1/99\")\n"),
        Map.entry("prefix-negative", "val a = host(\"a\", \"192.0.2.1/-3\")\n"),
        Map.entry("same-address", "val a = host(\"a\", \"192.0.2.1\")\nval b = host(\"b\", \"192.0.2.1\")\nlink(a, b)\n"),
        Map.entry("same-address-beyond", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            val c = host("c", "192.0.2.1")
            link(a, b)
            link(b, c)
            """),
        Map.entry("same-address-lan", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            val c = host("c", "192.0.2.2")
            lan("lan", a, b, c)
            """),
        Map.entry("same-address-apart", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            val c = host("c", "192.0.2.1")
            val d = host("d", "192.0.2.2")
            link(a, b)
            link(c, d)
            check("two networks may reuse addresses") { a.address shouldBe c.address }
            """),
        Map.entry("lan-twice", AB.replace("link(a, b)", "lan(\"lan\", a, b, a)")),
        Map.entry("duplicate-check", """
            check("same") { 1 shouldBe 1 }
            check("other") { 1 shouldBe 1 }
            check("same") { 2 shouldBe 2 }
            """),
        Map.entry("no-checks", ""),
        Map.entry("no-expectation", """
            val a = host("a", "192.0.2.1")
            check("looks at nothing") { a.counter("TcpActiveOpens") }
            check("expects") { a.counter("TcpActiveOpens") shouldBe 0L }
            fun atLeastZero(n: Long) = if (n < 0) fail("at least 0", n, "negative") else n
            check("expects through a helper, which passes without evaluating it") { atLeastZero(a.counter("TcpActiveOpens")) }
            check("fails only when null") { a.counter("TcpActiveOpens").takeIf { it >= 0 } ?: fail(0, null, "none") }
            """),
        Map.entry("network-declared-later", """
            val a = host("a", "192.0.2.1")
            val b = host("b", "192.0.2.2")
            link(a, b) { delay = 10.ms }
            b.listen(80)
            at(100.ms) { }
            val c = host("c", "198.51.100.1")
            val d = host("d", "198.51.100.2")
            link(c, d) { delay = 10.ms }
            d.listen(80)
            val first = at(200.ms) { a.connect(b, 80) }
            val second = c.connect(d, 80)
            check("a network declared after the clock moved behaves as one declared at 0") {
                eventually(within = 1.s) { second.state shouldBe TCP_ESTABLISHED }
                wire.from(c).times() shouldBe wire.from(a).times()
                wire.from(d).times() shouldBe wire.from(b).times()
                wire.from(d).windows() shouldBe wire.from(b).windows()
                second.states shouldBe first.states
            }
            """),
        Map.entry("connect-later", AB + """
            val listener = b.listen(80)
            at(100.ms) { }
            val conn = a.connect(b, 80)
            check("a socket call after the clock moved happens then") {
                eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED }
                conn.connectedAt!! shouldBeAbout 100.ms
            }
            """),
        Map.entry("port-zero", AB + """
            val listener = b.listen(0)
            val conn = a.connect(b, listener.port)
            val refused = a.connect(b, 0)
            check("listen(0) binds an ephemeral port") { listener.port shouldBeIn 32768..60999 }
            check("which accepts connections") { eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED } }
            check("connect() to port 0 is refused") { eventually(within = 1.s) { refused.errno shouldBe ECONNREFUSED } }
            """),
        Map.entry("backlog", AB + """
            val negative = b.listen(80, backlog = -1)
            val huge = b.listen(81, backlog = 100000)
            val zero = b.listen(82, backlog = 0)
            check("listen() clamps the backlog to somaxconn, a negative one as unsigned") {
                negative.backlog shouldBe 4096
                huge.backlog shouldBe 4096
                zero.backlog shouldBe 0
            }
            """),
        Map.entry("prose", "This is not a lab.\n".repeat(60))));

    @TempDir
    static Path dir;

    @TempDir
    static Path cache;

    static RunResult run;

    @BeforeAll
    static void runAll() throws IOException {
        for (var e : LABS.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".lab.kts"), e.getValue());
        }
        byte[] binary = new byte[4096];
        new Random(9).nextBytes(binary);
        binary[100] = 0;
        Files.write(dir.resolve("binary.lab.kts"), binary);
        run = new LabEngine(cache).run(new RunRequest(List.of(dir), null, null, null, null, null, null), LabListener.NONE);
    }

    static LabResult lab(String id) {
        return run.labs().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    /** The lab errored with text in its message, located at line. */
    static void errorAt(String id, int line, String text) {
        LabResult lab = lab(id);
        assertEquals(Outcome.ERROR, lab.outcome(), id + ": " + lab.error());
        assertTrue(lab.error().startsWith("LabScriptError: "), lab.error());
        assertTrue(lab.error().contains(text), id + ": " + lab.error());
        assertTrue(lab.error().endsWith(id + ".lab.kts:" + line + ")"), id + ": " + lab.error());
        assertNotNull(lab.errorLocation(), id);
        assertEquals(line, lab.errorLocation().line(), id);
    }

    static void passes(String id) {
        LabResult lab = lab(id);
        assertEquals(Outcome.PASSED, lab.outcome(), () -> id + ": " + lab.error() + " " + lab.checks());
        for (CheckResult c : lab.checks()) {
            assertEquals(Outcome.PASSED, c.outcome(), () -> c.name() + ": " + c.message());
        }
    }

    @Test
    void aPortIsSixteenBits() {
        errorAt("port-listen", 4, "b.listen(65536): a port is 0..65535, not 65536");
        errorAt("port-connect", 4, "a.connect(192.0.2.2, -1): a port is 0..65535, not -1");
        errorAt("port-inject", 4, "a.inject(dstPort = 70000): a port is 0..65535, not 70000");
    }

    @Test
    void portZeroIsLinuxs() {
        passes("port-zero");
        assertEquals(3, lab("port-zero").checks().size());
    }

    @Test
    void theBacklogIsClampedAsListenDoes() {
        passes("backlog");
    }

    @Test
    void durationsAreFiniteAndNotNegative() {
        errorAt("delay-negative", 4, "delay = -5 ms: a duration cannot be negative, not -5 ms");
        errorAt("delay-nan", 4, "NaN.ms: a duration must be a finite number");
        errorAt("after-negative", 2, "after(-1 s): a duration cannot be negative, not -1 s");
        errorAt("eventually-negative", 1, "eventually(within = -1 s): a duration cannot be negative");
        errorAt("down-backwards", 3, "down(2 s, 1 s): the link cannot come up before it goes down");
    }

    @Test
    void probabilitiesAreFractions() {
        errorAt("loss-percent", 4, "loss(5.0): a probability is 0..1, not 5.0");
        errorAt("drop-probability", 4, "probability = -0.1: a probability is 0..1, not -0.1");
    }

    @Test
    void aLinkJoinsTwoHostsAndAPrefixIsAtMost32() {
        errorAt("link-self", 2, "link(a, a): a link joins two different hosts");
        errorAt("lan-twice", 3, "lan(\"lan\", a, b, a): a is on the switch twice");
        errorAt("prefix-99", 1, "host a: a prefix length is 0..32, not /99 in '192.0.2.1/99'");
        errorAt("prefix-negative", 1, "host a: a prefix length is 0..32, not /-3 in '192.0.2.1/-3'");
    }

    @Test
    void hostsOnOneNetworkHaveTheirOwnAddresses() {
        errorAt("same-address", 3, "link(a, b): hosts a and b both have 192.0.2.1 on one network");
        errorAt("same-address-beyond", 5, "link(b, c): hosts a and c both have 192.0.2.1 on one network");
        errorAt("same-address-lan", 4, "lan(\"lan\", a, b, c): hosts b and c both have 192.0.2.2 on one network");
        passes("same-address-apart");
    }

    @Test
    void checkNamesAreUnique() {
        errorAt("duplicate-check", 3, "two checks named \"same\" (the first is at line 1)");
        assertEquals(2, lab("duplicate-check").checks().size());
    }

    @Test
    void aLabWithoutChecksOrACheckWithoutExpectationPassesWithAWarning() {
        passes("no-checks");
        assertEquals(List.of("the lab declares no checks: it passes whatever happens (add check(\"...\") { ... })"),
            lab("no-checks").warnings());
        passes("no-expectation");
        List<String> w = lab("no-expectation").warnings();
        assertEquals(1, w.size(), w::toString);
        assertTrue(w.get(0).startsWith("check \"looks at nothing\" (") && w.get(0).contains("no-expectation.lab.kts:2) "
            + "makes no expectation: it passes whatever happens"), w.get(0));
        assertEquals(List.of(), lab("port-zero").warnings());
    }

    @Test
    void declarationsDoNotDependOnTheClockButSocketCallsHappenWhenReached() {
        passes("network-declared-later");
        passes("connect-later");
    }

    @Test
    void whatIsNotKotlinGetsAFewDiagnosticsNotAThousand() {
        for (String id : List.of("binary", "prose")) {
            LabResult lab = lab(id);
            assertEquals(Outcome.ERROR, lab.outcome(), id);
            List<String> lines = lab.error().lines().toList();
            assertTrue(lines.size() <= 22, id + ": " + lines.size() + " lines");
            assertTrue(lines.get(lines.size() - 1).matches("\\.\\.\\. and \\d+ more errors"), id + ": " + lab.error());
            assertNotNull(lab.errorLocation(), id);
        }
        assertTrue(lab("binary").error().startsWith(dir.resolve("binary.lab.kts")
            + " is not a Kotlin script: it contains binary data (NUL bytes)\n"), lab("binary").error());
        assertTrue(lab("prose").error().startsWith(dir.resolve("prose.lab.kts") + ":1:"), lab("prose").error());
    }
}
