package io.collector.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class CursorTargetTest {

    private static final LongFunction<LogPosition> NO_LOOKUP = millis -> {
        throw new AssertionError("no timestamp look-up expected");
    };

    @Test
    void aFilePosition() {
        assertThat(CursorTarget.parse(Map.of("position", " mysql-bin.000003:1234 "), false, NO_LOOKUP).get())
                .isEqualTo(Cursor.at(LogPosition.of("mysql-bin.000003", 1234)));
        assertThat(CursorTarget.parse(Map.of("position", "mysql-bin.000003:0"), false, NO_LOOKUP).get())
                .as("before the first event means the first event")
                .isEqualTo(Cursor.at(LogPosition.of("mysql-bin.000003", 4)));
    }

    @Test
    void aGtidSetOnlyInGtidMode() {
        assertThat(CursorTarget.parse(Map.of("gtid", "0-1-100"), true, NO_LOOKUP).get().restart())
                .isEqualTo(new LogPosition("", 4, 0, 0, "0-1-100"));
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("gtid", "0-1-100"), false, NO_LOOKUP))
                .hasMessageContaining("not in GTID mode");
    }

    @Test
    void aTimestampIsLookedUpOnlyWhenAsked() {
        long[] asked = {0};
        var target = CursorTarget.parse(Map.of("timestamp", 1_700_000_000_000L), false, millis -> {
            asked[0] = millis;
            return LogPosition.of("mysql-bin.000007", 999);
        });
        assertThat(asked[0]).isZero();

        assertThat(target.get()).isEqualTo(Cursor.at(LogPosition.of("mysql-bin.000007", 999)));
        assertThat(asked[0]).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void badBodiesAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> CursorTarget.parse(Map.of(), false, NO_LOOKUP))
                .isInstanceOf(AdminException.class).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("position", "a:1", "gtid", "x"), true, NO_LOOKUP))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("position", "mysql-bin.000003"), false, NO_LOOKUP))
                .hasMessageContaining("binlog-file:offset");
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("position", "binlog:12"), false, NO_LOOKUP))
                .hasMessageContaining("numeric suffix");
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("timestamp", "yesterday"), false, NO_LOOKUP))
                .hasMessageContaining("epoch milliseconds");
        assertThatThrownBy(() -> CursorTarget.parse(Map.of("timestamp", -5), false, NO_LOOKUP))
                .hasMessageContaining("epoch milliseconds");
    }
}
