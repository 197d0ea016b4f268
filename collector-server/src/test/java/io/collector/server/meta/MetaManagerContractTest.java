package io.collector.server.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The behaviour every {@link MetaManager} shares; subclasses supply the implementation. */
abstract class MetaManagerContractTest {

    static final Cursor CURSOR = new Cursor(new LogPosition("mysql-bin.000042", 4711, 3306, 1_700_000_123_000L,
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77"), 5_083_496_497_152L);

    /** A cursor inside a transaction, read from a recorded server. */
    static final Cursor SOURCED = new Cursor(new LogPosition("mysql-bin.000007", 900, 1, 1_700_000_123_000L,
            "0-1-41", new SourceStamp("db2:3306", 2, "", 1_699_000_000_000L, 5), "0-1-42", 3), 5_083_496_497_153L);

    protected MetaManager meta;

    /** A new, not yet started manager. */
    protected abstract MetaManager create();

    @BeforeEach
    void startManager() {
        meta = create();
        meta.start();
    }

    @AfterEach
    void stopManager() {
        meta.stop();
    }

    @Test
    void aNewSubscriptionHasItsFilterAndNoCursor() {
        meta.subscribe("example", "1001", "db\\..*");

        assertThat(meta.subscriptions("example")).containsExactly("1001");
        assertThat(meta.filter("example", "1001")).contains("db\\..*");
        assertThat(meta.cursor("example", "1001")).isEmpty();
    }

    @Test
    void aNullFilterIsStoredAsEmpty() {
        meta.subscribe("example", "1001", null);

        assertThat(meta.filter("example", "1001")).contains("");
    }

    @Test
    void unknownDestinationsAndClientsHaveNothing() {
        meta.subscribe("example", "1001", "");

        assertThat(meta.subscriptions("other")).isEmpty();
        assertThat(meta.filter("example", "1002")).isEmpty();
        assertThat(meta.cursor("other", "1001")).isEmpty();
    }

    @Test
    void aCursorKeepsEveryFieldOfItsPosition() {
        meta.subscribe("example", "1001", "");

        meta.updateCursor("example", "1001", CURSOR);

        assertThat(meta.cursor("example", "1001")).contains(CURSOR);
    }

    @Test
    void theLatestCursorWins() {
        meta.subscribe("example", "1001", "");
        Cursor later = new Cursor(LogPosition.of("mysql-bin.000043", 4), CURSOR.globalId() + 10);

        meta.updateCursor("example", "1001", CURSOR);
        meta.updateCursor("example", "1001", later);

        assertThat(meta.cursor("example", "1001")).contains(later);
    }

    @Test
    void subscribingAgainReplacesTheFilterAndKeepsTheCursor() {
        meta.subscribe("example", "1001", "a\\..*");
        meta.updateCursor("example", "1001", CURSOR);

        meta.subscribe("example", "1001", "b\\..*");

        assertThat(meta.filter("example", "1001")).contains("b\\..*");
        assertThat(meta.cursor("example", "1001")).contains(CURSOR);
    }

    @Test
    void destinationsAndClientsAreIndependent() {
        meta.subscribe("one", "1001", "x");
        meta.subscribe("one", "1002", "y");
        meta.subscribe("two", "1001", "z");
        meta.updateCursor("one", "1002", CURSOR);

        assertThat(meta.subscriptions("one")).containsExactly("1001", "1002");
        assertThat(meta.subscriptions("two")).containsExactly("1001");
        assertThat(meta.cursor("one", "1001")).isEmpty();
        assertThat(meta.cursor("two", "1001")).isEmpty();
        assertThat(meta.filter("two", "1001")).contains("z");
    }

    @Test
    void unsubscribingRemovesTheFilterAndTheCursor() {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", CURSOR);

        meta.unsubscribe("example", "1001");
        meta.unsubscribe("example", "1001");

        assertThat(meta.subscriptions("example")).isEmpty();
        assertThat(meta.filter("example", "1001")).isEmpty();
        assertThat(meta.cursor("example", "1001")).isEmpty();
    }

    @Test
    void aCursorNeedsASubscription() {
        assertThatThrownBy(() -> meta.updateCursor("example", "1001", CURSOR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1001").hasMessageContaining("example");
    }

    @Test
    void blankNamesAreRejected() {
        assertThatThrownBy(() -> meta.subscribe("", "1001", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meta.subscribe("example", " ", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changesNeedARunningManager() {
        meta.stop();

        assertThatThrownBy(() -> meta.subscribe("example", "1001", "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> meta.start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flushAndRepeatedStopsAreHarmless() {
        meta.subscribe("example", "1001", "");
        meta.flush();
        meta.stop();
        meta.stop();

        assertThat(meta.isRunning()).isFalse();
        assertThat(meta.subscriptions("example")).containsExactly("1001");
    }

    @Test
    @Timeout(30)
    void concurrentClientsKeepTheirOwnLatestCursor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                String id = "c" + client;
                meta.subscribe("example", id, "");
                done.add(pool.submit(() -> advance(id, 200)));
            }
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int client = 0; client < 4; client++) {
            assertThat(meta.cursor("example", "c" + client).orElseThrow().globalId()).isEqualTo(200);
        }
    }

    private void advance(String clientId, int count) {
        for (int id = 1; id <= count; id++) {
            meta.updateCursor("example", clientId, new Cursor(LogPosition.of("mysql-bin.000001", id), id));
        }
    }
}
