package dev.tcplab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesWhatRfc8259Requires() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\"", JsonWriter.quoted("a\"b\\c\n\r\t\u0001\u001f"));
        assertEquals("\"\\u003c/script>\"", JsonWriter.quoted("</script>"));
        assertEquals("\"\\ud800x\"", JsonWriter.quoted("\ud800x"));
        assertEquals("\"é😀\"", JsonWriter.quoted("é😀"));
    }

    @Test
    void roundTripsStringsNumbersAndNesting() {
        String tricky = "quote\" back\\ nl\n tab\t ctl\u0007 uni é😀 \u2028 </script>";
        JsonWriter w = new JsonWriter(false);
        w.beginObject().field("s", tricky).field("n", Long.MIN_VALUE).field("d", 2.5).field("whole", 2.0)
            .field("nan", Double.NaN).field("b", true).name("a").beginArray().value(1).beginObject().endObject()
            .beginArray().endArray().endArray().endObject();
        String text = w.toString();
        assertFalse(text.contains("\n"), "compact JSON is one line");
        assertEquals(true, text.contains("\"whole\":2,"));
        Map<?, ?> m = (Map<?, ?>) JsonReader.parse(text);
        assertEquals(tricky, m.get("s"));
        assertEquals(Long.MIN_VALUE, m.get("n"));
        assertEquals(2.5, m.get("d"));
        assertEquals(null, m.get("nan"));
        assertEquals(List.of(1L, Map.of(), List.of()), m.get("a"));
    }

    @Test
    void prettyOutputParsesToTheSame() {
        JsonWriter compact = new JsonWriter(false);
        JsonWriter pretty = new JsonWriter(true);
        for (JsonWriter w : List.of(compact, pretty)) {
            w.beginObject().name("x").beginArray().value("a").value(false).endArray().field("y", 3).endObject();
        }
        assertEquals("{\n  \"x\": [\n    \"a\",\n    false\n  ],\n  \"y\": 3\n}", pretty.toString());
        assertEquals(JsonReader.parse(compact.toString()), JsonReader.parse(pretty.toString()));
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1 2]", "\"\n\"", "{\"a\":1,\"a\":2}", "01x", "nul",
            "\"\\x\"", "[1]]", "[".repeat(100) + "]".repeat(100))) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }
}
