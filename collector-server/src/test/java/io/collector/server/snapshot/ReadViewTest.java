package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which read view each locking setting gets on MariaDB and on other servers. */
class ReadViewTest {

    @Test
    void autoLocksOnlyServersThatDoNotReportTheViewsPosition() {
        assertThat(ReadView.of(SnapshotLocking.AUTO, true, "d")).isInstanceOf(ConsistentSnapshotView.class);
        assertThat(ReadView.of(SnapshotLocking.AUTO, false, "d")).isInstanceOf(GlobalReadLockView.class);
    }

    @Test
    void anExplicitSettingHoldsOnEveryServer() {
        for (boolean mariadb : new boolean[] {true, false}) {
            assertThat(ReadView.of(SnapshotLocking.NONE, mariadb, "d")).isInstanceOf(ConsistentSnapshotView.class);
            assertThat(ReadView.of(SnapshotLocking.GLOBAL_READ_LOCK, mariadb, "d"))
                    .isInstanceOf(GlobalReadLockView.class);
        }
    }
}
