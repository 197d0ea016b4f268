package io.collector.server.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSavepointStoreTest extends SavepointStoreContractTest {

    @TempDir
    Path dir;

    @Override
    SavepointStore store() {
        return new FileSavepointStore(dir);
    }

    @Test
    void writesOneFileBesideTheCursors() {
        store().save(savepoint("sp", 1000, false));

        assertThat(dir.resolve("example/savepoints/sp.json")).isRegularFile();
        assertThat(dir.resolve("example/savepoints/sp.json.tmp")).doesNotExist();
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws Exception {
        Files.createDirectories(dir.resolve("example/savepoints"));
        Files.writeString(dir.resolve("example/savepoints/bad.json"), "{not json");

        assertThatThrownBy(() -> store().find("example", "bad")).isInstanceOf(CollectorException.class)
                .hasMessageContaining("Corrupt savepoint " + dir.resolve("example/savepoints/bad.json"));
    }
}
