package io.collector.server.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobalIdTest {

    @Test
    void fieldsRoundTrip() {
        long id = GlobalId.of("mysql-bin.000042", 123_456_789L, 7);
        assertThat(GlobalId.fileIndex(id)).isEqualTo(42);
        assertThat(GlobalId.offset(id)).isEqualTo(123_456_789L);
        assertThat(GlobalId.seq(id)).isEqualTo(7);
    }

    @Test
    void extremesStayPositive() {
        long id = GlobalId.of(GlobalId.MAX_FILE_INDEX, GlobalId.MAX_OFFSET, GlobalId.MAX_SEQ);
        assertThat(id).isPositive().isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void idsIncreaseWithFileThenOffsetThenSeq() {
        assertThat(GlobalId.of(1, 4, 0)).isLessThan(GlobalId.of(1, 4, 1));
        assertThat(GlobalId.of(1, 4, GlobalId.MAX_SEQ)).isLessThan(GlobalId.of(1, 5, 0));
        assertThat(GlobalId.of(1, GlobalId.MAX_OFFSET, GlobalId.MAX_SEQ)).isLessThan(GlobalId.of(2, 4, 0));
    }

    @Test
    void rowIdsOfAnEventStayBelowTheNextEvent() {
        // an event of n bytes holds fewer than n rows: entryId + row stays below the next event's id
        long eventStart = 1000;
        int eventLength = 300;
        long lastRow = GlobalId.of(3, eventStart, 0) + eventLength - 1;
        assertThat(lastRow).isLessThan(GlobalId.of(3, eventStart + eventLength, 0));
    }

    @Test
    void outOfRangeCoordinatesAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> GlobalId.of(GlobalId.MAX_FILE_INDEX + 1, 4, 0))
                .hasMessageContaining("binlog file index 1048576");
        assertThatThrownBy(() -> GlobalId.of(1, 1L << 32, 0)).hasMessageContaining("binlog offset 4294967296");
        assertThatThrownBy(() -> GlobalId.of(1, 4, 2048)).hasMessageContaining("entry number 2048");
        assertThatThrownBy(() -> GlobalId.of("mysql-bin", 4, 0)).hasMessageContaining("without a numeric suffix");
    }
}
