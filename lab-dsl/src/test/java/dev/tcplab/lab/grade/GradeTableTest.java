package dev.tcplab.lab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a submission returned or threw reaches the grader's console as text, never as terminal control. */
class GradeTableTest {
    @Test
    void controlCharactersCannotRedrawTheConsole() {
        assertEquals("not the word: x?[2J?Score: 21 / 21", GradeTable.firstLine("not the word: x\u001b[2J\rScore: 21 / 21"));
        assertEquals("first", GradeTable.firstLine("first\nsecond"));
        assertEquals(201, GradeTable.firstLine("y".repeat(500)).length());
    }
}
