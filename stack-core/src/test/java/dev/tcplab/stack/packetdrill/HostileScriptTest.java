package dev.tcplab.stack.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: seeded mutations of every corpus script (truncated, lines dropped or
 * swapped, characters changed, numbers made huge or negative) must end in a result — pass, or
 * a failure at a line of the script — never in another exception or a hang.
 */
class HostileScriptTest {
    private static final String[] JUNK = {"99999999999999999999", "-1", "0x", "...", "<", ">", "(", ")", "[", "{", "}",
        "`", "%{", "\"", "~", "+", "*", "=", ",", ":", "S.", "\u00e9", "\t", "\n", "4294967296", "1e9", "-"};

    @Test
    void mutatedCorpusScriptsFailCleanlyAtALine() throws Exception {
        Path corpus = Path.of(getClass().getResource("/packetdrill").toURI());
        Random rnd = new Random(11);
        int runs = 0;
        List<String> escaped = new ArrayList<>();
        for (Path p : PacketdrillRunner.scripts(corpus)) {
            String text = Files.readString(p);
            for (int i = 0; i < 4; i++) {
                String m = mutate(text, rnd);
                int lines = m.split("\n", -1).length;
                try {
                    PacketdrillRunner.Result r = PacketdrillRunner.run("m.pkt", m);
                    if (!r.passed()) {
                        assertTrue(r.line() >= 1 && r.line() <= lines + 1, r.message());
                        assertTrue(r.message().startsWith("m.pkt:" + r.line() + ": "), r.message());
                    }
                } catch (RuntimeException e) {
                    escaped.add(corpus.relativize(p) + " #" + i + ": " + e);
                }
                runs++;
            }
        }
        assertEquals(List.of(), escaped);
        assertEquals(167 * 4, runs);
    }

    @Test
    void emptyAndGarbageScripts() {
        for (String s : List.of("", "\n\n", "// only a comment\n", "`", "%{", "0", "+", "0 <", "0 > S", "\u0000\u0001")) {
            PacketdrillRunner.Result r = PacketdrillRunner.run("g.pkt", s);
            assertEquals(PacketdrillRunner.Status.PARSE_ERROR, r.status(), s + " -> " + r.message());
        }
    }

    private static String mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        switch (rnd.nextInt(5)) {
            case 0 -> {
                return text.substring(0, rnd.nextInt(text.length() + 1));
            }
            case 1 -> lines.remove(rnd.nextInt(lines.size()));
            case 2 -> {
                int a = rnd.nextInt(lines.size());
                int b = rnd.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
            case 3 -> {
                StringBuilder sb = new StringBuilder(text);
                for (int k = 0; k < 3 && sb.length() > 0; k++) {
                    int at = rnd.nextInt(sb.length());
                    sb.replace(at, Math.min(sb.length(), at + rnd.nextInt(4)), JUNK[rnd.nextInt(JUNK.length)]);
                }
                return sb.toString();
            }
            default -> {
                String joined = String.join("\n", lines);
                return joined.replaceFirst("\\b\\d+\\b", JUNK[rnd.nextInt(3)]);
            }
        }
        return String.join("\n", lines);
    }
}
