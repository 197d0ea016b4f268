package io.collector.server.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The contract for the file variant (write-through), plus persistence, flushing and corrupt files. */
class FileMetaManagerTest extends MetaManagerContractTest {

    private static final long HOUR_MS = 3_600_000;

    @TempDir
    Path dir;

    @Override
    protected MetaManager create() {
        return new FileMetaManager(new FileMetaConfig(dir, 0));
    }

    private FileMetaManager started(long periodMs) {
        FileMetaManager manager = new FileMetaManager(new FileMetaConfig(dir, periodMs));
        manager.start();
        return manager;
    }

    private Optional<Cursor> cursorOnDisk(String destination, String clientId) {
        try (FileMetaManager reader = started(HOUR_MS)) {
            return reader.cursor(destination, clientId);
        }
    }

    @Test
    void aNewInstanceReadsTheSourceAndThePartialTransactionOfACursor() {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", SOURCED);
        meta.stop();

        try (FileMetaManager restarted = started(HOUR_MS)) {
            assertThat(restarted.cursor("example", "1001")).contains(SOURCED);
        }
    }

    @Test
    void aNewInstanceReadsWhatTheLastOneWrote() {
        meta.subscribe("example", "1001", "db\\..*");
        meta.updateCursor("example", "1001", CURSOR);
        meta.subscribe("other", "1002", "");
        meta.stop();

        try (FileMetaManager restarted = started(HOUR_MS)) {
            assertThat(restarted.subscriptions("example")).containsExactly("1001");
            assertThat(restarted.filter("example", "1001")).contains("db\\..*");
            assertThat(restarted.cursor("example", "1001")).contains(CURSOR);
            assertThat(restarted.subscriptions("other")).containsExactly("1002");
        }
    }

    @Test
    void periodZeroWritesEveryChangeAtOnce() {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", CURSOR);

        assertThat(cursorOnDisk("example", "1001")).contains(CURSOR);
        assertThat(dir.resolve("example").resolve("meta.json.tmp")).doesNotExist();
    }

    @Test
    void aPositivePeriodBuffersUntilFlush() {
        try (FileMetaManager buffered = started(HOUR_MS)) {
            buffered.subscribe("example", "1001", "");
            buffered.updateCursor("example", "1001", CURSOR);
            assertThat(dir.resolve("example").resolve("meta.json")).doesNotExist();

            buffered.flush();

            assertThat(cursorOnDisk("example", "1001")).contains(CURSOR);
        }
    }

    @Test
    void stopWritesWhatIsPending() {
        FileMetaManager buffered = started(HOUR_MS);
        buffered.subscribe("example", "1001", "");
        buffered.updateCursor("example", "1001", CURSOR);

        buffered.stop();

        assertThat(cursorOnDisk("example", "1001")).contains(CURSOR);
    }

    @Test
    @Timeout(30)
    void theFlushThreadWritesChangesEveryPeriod() {
        try (FileMetaManager periodic = started(20)) {
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("collector-meta-flush"));
            periodic.subscribe("example", "1001", "");
            periodic.updateCursor("example", "1001", CURSOR);

            Await.until("the cursor is on disk", Duration.ofSeconds(20),
                    () -> Files.exists(periodic.file("example")) && cursorOnDisk("example", "1001").isPresent());
        }
    }

    @Test
    void aFailedWriteIsReportedAndRetriedAtTheNextFlush() throws IOException {
        Path blocker = Files.writeString(dir.resolve("example"), "a file where the directory should be");
        FileMetaManager buffered = started(HOUR_MS);
        buffered.subscribe("example", "1001", "");
        buffered.updateCursor("example", "1001", CURSOR);

        assertThatThrownBy(buffered::flush).isInstanceOfSatisfying(CollectorException.class,
                e -> assertThat(e.retriable()).isTrue()).hasMessageContaining("Cannot write meta file");
        Files.delete(blocker);
        buffered.stop();

        assertThat(cursorOnDisk("example", "1001")).contains(CURSOR);
    }

    @Test
    void stopDoesNotThrowWhenTheLastWriteFails() throws IOException {
        Files.writeString(dir.resolve("example"), "a file where the directory should be");
        FileMetaManager buffered = started(HOUR_MS);
        buffered.subscribe("example", "1001", "");

        buffered.stop();

        assertThat(buffered.isRunning()).isFalse();
    }

    @Test
    void unsubscribingIsPersisted() {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", CURSOR);
        meta.unsubscribe("example", "1001");
        meta.stop();

        try (FileMetaManager restarted = started(HOUR_MS)) {
            assertThat(restarted.subscriptions("example")).isEmpty();
        }
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws IOException {
        Path file = write("broken", "{\"version\":1, \"destination\":\"broken\", \"clients\":[");

        assertThatThrownBy(() -> started(HOUR_MS)).isInstanceOf(CollectorException.class)
                .hasMessageContaining("Corrupt meta file").hasMessageContaining(file.toString());
    }

    @Test
    void aFileOfAnotherDestinationIsAnError() throws IOException {
        write("copied", "{\"version\":1, \"destination\":\"original\", \"clients\":[]}");

        assertThatThrownBy(() -> started(HOUR_MS)).isInstanceOf(CollectorException.class)
                .hasMessageContaining("names destination original");
    }

    @Test
    void aCursorWithoutJournalIsAnError() throws IOException {
        write("example", "{\"version\":1, \"destination\":\"example\", \"clients\":[{\"clientId\":\"1001\","
                + "\"filter\":\"\", \"cursor\":{\"position\":{\"offset\":4}, \"globalId\":1}}]}");

        assertThatThrownBy(() -> started(HOUR_MS)).isInstanceOf(CollectorException.class)
                .hasMessageContaining("example").hasMessageContaining("meta.json");
    }

    @Test
    void destinationNamesMustBeUsableAsDirectories() {
        assertThatThrownBy(() -> meta.subscribe("../escape", "1001", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape");
        assertThatThrownBy(() -> meta.subscribe("..", "1001", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFileIsReadableJson() throws IOException {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", new Cursor(LogPosition.of("mysql-bin.000003", 1234), 99));

        String json = Files.readString(dir.resolve("example").resolve("meta.json"));

        assertThat(json).contains("\"journal\" : \"mysql-bin.000003\"", "\"offset\" : 1234", "\"globalId\" : 99",
                "\"clientId\" : \"1001\"");
    }

    private Path write(String destination, String content) throws IOException {
        Path file = dir.resolve(destination).resolve("meta.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
