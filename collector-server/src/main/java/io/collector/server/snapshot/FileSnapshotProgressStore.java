package io.collector.server.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A progress record in a file of a destination's data directory, beside its {@code meta.json}
 * ({@code snapshot.json}, {@code backfill.json}): written to a temporary file, forced to disk and renamed over the
 * old one.
 */
public final class FileSnapshotProgressStore<T> implements SnapshotProgressStore<T> {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ProgressKind<T> kind;
    private final Path file;

    /** @param dir the destination's data directory */
    public FileSnapshotProgressStore(Path dir, ProgressKind<T> kind) {
        this.kind = kind;
        this.file = dir.resolve(kind.file());
    }

    @Override
    public Optional<T> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), kind.type()));
        } catch (IOException e) {
            throw new CollectorException("Cannot read the " + kind.what() + " " + file + ": " + e.getMessage()
                    + ". Move the file away to " + kind.removing() + ".", false, e);
        }
    }

    @Override
    public void save(T progress) {
        try {
            DurableFiles.replace(file, mapper.writeValueAsBytes(progress));
        } catch (IOException e) {
            throw new CollectorException("Cannot write the " + kind.what() + " " + file + ": " + e.getMessage(), true,
                    e);
        }
    }
}
