package io.collector.server.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogPositionTest {

    @Test
    void ordersByFileIndexThenOffset() {
        assertThat(LogPosition.of("mysql-bin.000009", 900)).isLessThan(LogPosition.of("mysql-bin.000010", 4));
        assertThat(LogPosition.of("mysql-bin.000010", 4)).isLessThan(LogPosition.of("mysql-bin.000010", 5));
        assertThat(LogPosition.of("a.000010", 4).compareTo(LogPosition.of("b.000010", 4))).isZero();
    }

    @Test
    void fileIndexIsTheNumericSuffix() {
        assertThat(LogPosition.fileIndex("mysql-bin.000042")).isEqualTo(42);
        assertThat(LogPosition.fileIndex("host.name-bin.1000000")).isEqualTo(1_000_000);
        assertThatThrownBy(() -> LogPosition.fileIndex("mysql-bin.log")).hasMessageContaining("mysql-bin.log");
    }

    @Test
    void nullGtidSetIsEmptyAndPrintsCompactly() {
        LogPosition p = new LogPosition("mysql-bin.000001", 4, 1, 0, null);
        assertThat(p.gtidSet()).isEmpty();
        assertThat(p).hasToString("mysql-bin.000001:4");
        assertThat(p.withGtidSet("0-1-5")).hasToString("mysql-bin.000001:4 gtid=0-1-5");
    }

    @Test
    void negativeOffsetIsRejected() {
        assertThatThrownBy(() -> LogPosition.of("mysql-bin.000001", -1)).hasMessageContaining("negative binlog offset");
    }
}
