package io.collector.server.parser.schema.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.position.LogPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSchemaHistoryStoreTest extends SchemaHistoryStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected SchemaHistoryStore store() {
        return new FileSchemaHistoryStore(dir);
    }

    @Test
    void aLogLineCutShortByACrashIsDropped() throws Exception {
        SchemaHistory history = open(LogPosition.of(F1, 4));
        history.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100));
        Files.writeString(dir.resolve(FileSchemaHistoryStore.LOG_FILE), "{\"journal\":\"mysql-bin.0000",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(names(open(LogPosition.of(F1, 200)))).containsExactly("id", "a");
        assertThat(Files.readString(dir.resolve(FileSchemaHistoryStore.LOG_FILE))).isEmpty();
    }
}
