package io.collector.server.position;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a cursor covers, as the store and the resume position compare cursors. */
class CursorTest {

    @Test
    void aCursorWithAnIdCoversUpToThatId() {
        assertThat(new Cursor(LogPosition.of("mysql-bin.000003", 120), 77).lastEntryId()).isEqualTo(77);
    }

    @Test
    void aPositionOnlyCursorCoversWhatComesBeforeTheEventAtItsPosition() {
        long lastEntryId = Cursor.at(LogPosition.of("mysql-bin.000003", 500)).lastEntryId();

        assertThat(lastEntryId).isEqualTo(GlobalId.of(3, 500, 0) - 1);
        assertThat(lastEntryId).isGreaterThan(GlobalId.of(3, 499, GlobalId.MAX_SEQ) - 1);
    }

    @Test
    void aCursorWithoutBinlogCoordinatesCoversNothing() {
        assertThat(Cursor.at(new LogPosition("", 0, 0, 0, "0-1-42")).lastEntryId()).isEqualTo(Long.MIN_VALUE);
    }
}
