package io.collector.server.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.position.Cursor;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import org.junit.jupiter.api.Test;

/** Which cursors a catch-up reader can start after: binlog entries' and positions, not snapshot rows'. */
class BinlogCatchUpsTest {

    private final BinlogCatchUps catchUps = new BinlogCatchUps(null, null, null, null, () -> true);
    private final LogPosition after = LogPosition.of("mysql-bin.000003", 5000);

    @Test
    void aTransactionEndOrARowInsideATransactionCanBeCaughtUpFrom() {
        assertThat(catchUps.canStartAfter(new Cursor(after, GlobalId.of("mysql-bin.000003", 4900, 0)))).isTrue();
        assertThat(catchUps.canStartAfter(new Cursor(after, GlobalId.of("mysql-bin.000003", 5100, 3)))).isTrue();
        assertThat(catchUps.canStartAfter(Cursor.at(after))).isTrue();
    }

    @Test
    void aSnapshotRowsCursorCannot() {
        long snapshotRow = GlobalId.of(2, 0, 0) + 12_345;

        assertThat(catchUps.canStartAfter(new Cursor(after, snapshotRow))).isFalse();
    }
}
