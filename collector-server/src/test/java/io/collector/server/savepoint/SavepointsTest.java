package io.collector.server.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking, applying, the start savepoint applied once, and the retention of automatic savepoints. */
class SavepointsTest {

    @TempDir
    Path dir;

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Savepoints savepoints;

    @BeforeEach
    void start() {
        meta.start();
        savepoints = new Savepoints(new FileSavepointStore(dir), meta, clock);
    }

    @AfterEach
    void stop() {
        meta.stop();
    }

    private static Cursor cursor(long offset) {
        return new Cursor(LogPosition.of("mysql-bin.000001", offset), offset * 10);
    }

    @Test
    void applyPutsTheSavedCursorsBack() {
        meta.subscribe("example", "1001", "shop\\..*");
        meta.updateCursor("example", "1001", cursor(100));
        meta.subscribe("example", "1002", "");
        savepoints.take("example", "sp", false);
        meta.updateCursor("example", "1001", cursor(500));
        meta.updateCursor("example", "1002", cursor(600));
        meta.subscribe("example", "1003", "");

        savepoints.apply(savepoints.find("example", "sp").orElseThrow());

        assertThat(meta.cursor("example", "1001")).contains(cursor(100));
        assertThat(meta.cursor("example", "1002")).as("no cursor at the savepoint: none after").isEmpty();
        assertThat(meta.filter("example", "1001")).contains("shop\\..*");
        assertThat(meta.subscriptions("example")).as("a later client keeps its subscription").contains("1003");
    }

    @Test
    void theStartSavepointIsAppliedOnce() {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", cursor(100));
        savepoints.take("example", "sp", false);
        meta.updateCursor("example", "1001", cursor(500));
        savepoints.applyConfigured("example", "sp");
        assertThat(meta.cursor("example", "1001")).contains(cursor(100));
        meta.updateCursor("example", "1001", cursor(700));
        savepoints.applyConfigured("example", "sp");

        assertThat(meta.cursor("example", "1001")).as("not applied at a later start").contains(cursor(700));
        assertThatThrownBy(() -> savepoints.applyConfigured("example", "missing")).isInstanceOf(ConfigException.class)
                .hasMessage("Savepoint missing named by collector.instance.start.savepoint of destination example"
                        + " does not exist; existing: [sp]");
    }

    @Test
    void automaticSavepointsKeepTheNewestOnes() {
        meta.subscribe("example", "1001", "");
        savepoints.take("example", "named", false);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            savepoints.takeAutomatic("example", 2);
        }

        assertThat(savepoints.names("example")).containsExactly("named",
                Savepoints.AUTO_PREFIX + clock.instant().minus(Duration.ofMinutes(1)).toEpochMilli(),
                Savepoints.AUTO_PREFIX + clock.millis());
    }
}
