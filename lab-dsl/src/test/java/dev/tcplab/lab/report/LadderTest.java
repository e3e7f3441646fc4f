package dev.tcplab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.lab.report.LadderFolds.Item;
import dev.tcplab.lab.report.LadderRows.Row;
import dev.tcplab.lab.result.LabResult;
import dev.tcplab.lab.result.LabTrace;
import dev.tcplab.lab.result.LabTrace.FaultMark;
import dev.tcplab.lab.result.LabTrace.HostInfo;
import dev.tcplab.lab.result.LabTrace.StateChange;
import dev.tcplab.lab.result.LabTrace.WirePacket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ladder's rows (causal order), folds, firewall drops and widths. */
class LadderTest {
    static final long MS = 1_000_000L;
    static final List<HostInfo> TWO = List.of(new HostInfo("client", "192.0.2.1", "model"), new HostInfo("server", "192.0.2.2", "model"));

    private static List<String> describe(List<Row> rows) {
        return rows.stream().map(r -> r.packet() != null ? r.packet().flags() + " " + r.packet().fromHost()
            : r.states() != null ? r.states().get(0).host() + " " + r.states().get(0).label() : "fault").toList();
    }

    @Test
    void oneInstantIsDrawnInTheOrderItHappened() {
        // everything at t=0 on a link without delay: connect() makes SYN_SENT, then the SYN leaves; the
        // SYN makes the request sock, which sends the SYN-ACK; the client becomes ESTABLISHED on it
        LabTrace t = new LabTrace(TWO,
            List.of(SampleRuns.seg(0, "client", "server", "192.0.2.1", 1, "192.0.2.2", 80, "S", 0, -1, "", 2, null, null),
                SampleRuns.seg(0, "server", "client", "192.0.2.2", 80, "192.0.2.1", 1, "SA", 0, 1, "", 4, null, null)),
            List.of(new StateChange(0, "server", "sk1 x", "TCP_CLOSE", "TCP_LISTEN", 0),
                new StateChange(0, "client", "sk1 y", "TCP_CLOSE", "TCP_SYN_SENT", 1),
                new StateChange(0, "server", "req2 z", "TCP_LISTEN", "TCP_NEW_SYN_RECV", 3),
                new StateChange(0, "client", "sk1 y", "TCP_SYN_SENT", "TCP_ESTABLISHED", 5)),
            List.of(), List.of(), List.of());
        assertEquals(List.of("server sk1 LISTEN", "S client", "server req2 NEW_SYN_RECV", "SA server", "client sk1 ESTABLISHED"),
            describe(LadderRows.rows(t)));
    }

    @Test
    void withoutARecordedOrderSegmentsComeFirstAsBefore() {
        // results written before events carried their order: an instant's segments, then its state boxes
        List<String> d = describe(LadderRows.rows(SampleRuns.synAckLost().trace()));
        assertEquals(List.of("SYN client", "server LISTEN", "fault", "SYN, ACK server", "server NEW_SYN_RECV"), d.subList(0, 5));
    }

    @Test
    void aLongRunOfSimilarRowsFoldsIntoOneItem() {
        List<Item> items = LadderFolds.fold(LadderRows.rows(SampleRuns.sixHosts().trace()));
        List<Item> folds = items.stream().filter(Item::folded).toList();
        String shape = items.stream().map(i -> i.folded() ? i.repeats() + "x" + i.block() : "row").toList().toString();
        assertEquals(1, folds.size(), shape);
        Item f = folds.get(0);
        assertEquals(31, f.repeats());
        assertEquals(3, f.block());
        assertEquals(93, f.rows().size());
        assertEquals("31 × [SYN attacker → sc1 · SYN-ACK sc1 → attacker · RST attacker → sc1 ✗ attacker OUTPUT: --tcp-flags RST RST], "
            + "2.000 ms apart (0.010000–0.070000 s)", LadderFolds.summary(f));
        // what is not repeated stays a row of its own: 4 rows before the flood, 5 after
        assertEquals(4 + 1 + 5, items.size(), shape);
    }

    private static List<Row> pings(int n, long spacing) {
        List<WirePacket> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(SampleRuns.seg(i * spacing, "client", "server", "192.0.2.1", 1, "192.0.2.2", 80, "S", 0, -1, "", i, null, null));
        }
        return LadderRows.rows(new LabTrace(TWO, p, List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void foldsNeedFourRepeatsNoQuietGapAndNoFault() {
        assertEquals(1, LadderFolds.fold(pings(4, 2 * MS)).size(), "4 similar rows fold");
        assertEquals(3, LadderFolds.fold(pings(3, 2 * MS)).size(), "3 do not");
        assertEquals(6, LadderFolds.fold(pings(6, 200 * MS)).size(), "rows 200 ms apart are timers to see, not a burst");
        List<Row> rows = new ArrayList<>(pings(6, 2 * MS));
        rows.add(3, new Row(5 * MS, null, 0, null, new FaultMark(5 * MS, "lan", "down"), null));
        List<Item> items = LadderFolds.fold(rows);
        assertEquals(List.of(false, false, false, false, false, false, false), items.stream().map(Item::folded).toList(),
            "a fault splits the run into 3 + 3, each too short");
        assertEquals("4 × SYN client → server, 2.000 ms apart (0.000000–0.006000 s)", LadderFolds.summary(LadderFolds.fold(pings(4, 2 * MS)).get(0)));
    }

    @Test
    void aFirewallDropEndsInACrossAtTheHostWhoseRuleDroppedIt() {
        LabResult lab = SampleRuns.sixHosts();
        String html = LabPage.render(lab);
        LadderLayout l = LadderLayout.of(LadderSvg.hosts(lab.trace()));
        int client = l.x().get("client");
        int server = l.x().get("server");
        int attacker = l.x().get("attacker");
        // packet 2: the server's SYN-ACK, dropped by the client's INPUT chain just before the client's lifeline
        Matcher in = Pattern.compile("<g class=\"pkt dropped fw\" id=\"p2\"[^>]*data-dropped-at=\"client\"[^>]*>(.*?)</g>", Pattern.DOTALL).matcher(html);
        assertTrue(in.find(), "the SYN-ACK is drawn as dropped");
        int dir = Integer.signum(client - server);
        assertEquals(client - dir * 14, crossX(in.group(1)), "the cross sits at the client, not mid-way");
        assertTrue(in.group(1).contains("DROPPED by client&#39;s firewall (INPUT: SYN,ACK)"), in.group(1));
        assertTrue(in.group(1).contains("✗ dropped by client&#39;s firewall, INPUT: SYN,ACK") || in.group(1).contains("✗ client INPUT: SYN,ACK"),
            in.group(1));
        assertFalse(in.group(1).contains("marker-end"), "no arrow head: it never arrived");
        // packet 5: the attacker's RST, dropped by its own OUTPUT chain as it left
        Matcher out = Pattern.compile("<g class=\"pkt dropped fw\" id=\"p5\"[^>]*data-dropped-at=\"attacker\"[^>]*>(.*?)</g>", Pattern.DOTALL).matcher(html);
        assertTrue(out.find(), html);
        assertTrue(Math.abs(crossX(out.group(1)) - attacker) <= 36, "the cross is next to the attacker: " + crossX(out.group(1)));
        // the table says where it died
        assertTrue(html.contains("<b>dropped</b> by client&#39;s firewall<br><small>INPUT: SYN,ACK</small>"));
        Matcher row2 = Pattern.compile("<tr id=\"row-p2\".*?</tr>").matcher(html);
        assertTrue(row2.find());
        assertFalse(row2.group().contains("delivered"), row2.group());
    }

    private static int crossX(String group) {
        Matcher m = Pattern.compile("<path class=\"cross\" d=\"M(-?\\d+),").matcher(group);
        assertTrue(m.find(), group);
        return Integer.parseInt(m.group(1)) + 6;
    }

    @Test
    void anyNumberOfHostsFitsTheWidthAndTextsAreCutToTheirRoom() {
        for (int n = 1; n <= 16; n++) {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                hosts.add("h" + i);
            }
            LadderLayout l = LadderLayout.of(hosts);
            assertTrue(l.width() <= LadderLayout.MAX_WIDTH, n + " hosts: " + l.width());
            assertTrue(l.x().get("h" + (n - 1)) + l.colW() <= l.width(), "the last column's state boxes fit too");
            assertTrue(l.x().get("h0") - l.hostBoxW() / 2 >= LadderLayout.TIME_W, "clear of the time column");
        }
        assertEquals("SA seq=0 ack=1 win=64240", LadderSvg.label(SampleRuns.seg(0, "a", "b", "x", 1, "y", 2, "SA", 0, 1, "", 0, null, null), 180));
        assertEquals("SA 0:1", LadderSvg.label(SampleRuns.seg(0, "a", "b", "x", 1, "y", 2, "SA", 0, 1, "", 0, null, null), 60));
        assertEquals("req2 ⇒ sk3 … → ESTABLISHED", LadderSvg.boxText(new LadderRows.StateBox("h", "req2 ⇒ sk3",
            List.of("SYN_RECV", "ESTABLISHED"), "TCP_ESTABLISHED", ""), 190));
        assertEquals("abcd…", LadderLayout.fit("abcdefghij", 35, 7));
    }

    @Test
    void theTimelineChartsEachListenersQueuesAndEachSocketsStates() {
        LabResult lab = SampleRuns.sixHosts();
        String svg = TimelineSvg.render(lab.trace(), lab.virtualNanos());
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" id=\"timeline\" width=\"1280\""), svg);
        assertTrue(svg.contains("data-listeners=\"2\""), "server and sc1");
        assertEquals(2, ReportsTest.count(svg, "<path class=\"q-req\""));
        assertEquals(2, ReportsTest.count(svg, "<path class=\"q-acc\""));
        // server: one request at 1 ns, a child in the accept queue at 1 s, accepted at 1.5 s
        Matcher acc = Pattern.compile("data-listener=\"server 192.0.2.2:80\".*?<path class=\"q-acc\" d=\"([^\"]+)\"").matcher(svg);
        assertTrue(acc.find(), svg);
        assertEquals(4, acc.group(1).split(" V").length, "0, 0, 1, 0: " + acc.group(1));
        assertTrue(svg.contains("<title>server sk3: TCP_ESTABLISHED from 1.000000 s to 2.000000 s</title>"), svg);
        assertTrue(svg.contains("<title>server req2: TCP_NEW_SYN_RECV from 0.000000 s to 1.000000 s</title>"), svg);
        assertTrue(LabPage.render(lab).contains("<h2>Timeline</h2>"));
        assertFalse(LabPage.render(SampleRuns.broken()).contains("<h2>Timeline</h2>"), "nothing to chart without a network");
    }
}
