package io.collector.server.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Snapshot progress in {@code snapshot.json} of a destination's data directory, beside its {@code meta.json}:
 * written to a temporary file, forced to disk and renamed over the old one.
 */
public final class FileSnapshotProgressStore implements SnapshotProgressStore {

    static final String FILE = "snapshot.json";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path file;

    /** @param dir the destination's data directory */
    public FileSnapshotProgressStore(Path dir) {
        this.file = dir.resolve(FILE);
    }

    @Override
    public Optional<SnapshotProgress> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), SnapshotProgress.class));
        } catch (IOException e) {
            throw new CollectorException("Cannot read the snapshot progress " + file + ": " + e.getMessage()
                    + ". Move the file away to start the snapshot again.", false, e);
        }
    }

    @Override
    public void save(SnapshotProgress progress) {
        try {
            DurableFiles.replace(file, mapper.writeValueAsBytes(progress));
        } catch (IOException e) {
            throw new CollectorException("Cannot write the snapshot progress " + file + ": " + e.getMessage(), true, e);
        }
    }
}
