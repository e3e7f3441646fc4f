package dev.tcplab.lab.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/dsl-tour.md shows only code that runs: each of its Kotlin snippets is a verbatim piece of
 * labs/15-tour/tour.lab.kts, which the labs module runs (and must pass) in every build.
 */
class DslTourTest {
    private static final Path TOUR = Path.of("../docs/dsl-tour.md");
    private static final Path LAB = Path.of("../labs/15-tour/tour.lab.kts");
    private static final Pattern SNIPPET = Pattern.compile("```kotlin\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetOfTheTourIsTakenFromTheTourLab() throws Exception {
        String tour = Files.readString(TOUR);
        String lab = Files.readString(LAB);
        List<String> snippets = new ArrayList<>();
        Matcher m = SNIPPET.matcher(tour);
        while (m.find()) snippets.add(m.group(1).stripTrailing());
        assertTrue(snippets.size() >= 10, "the tour has " + snippets.size() + " Kotlin snippets");
        List<String> notInLab = snippets.stream().filter(s -> !lab.contains(s)).toList();
        assertEquals(List.of(), notInLab, "snippets of " + TOUR + " that are not in " + LAB);
    }
}
