package io.collector.server.parser.schema.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.files.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema history in a destination's data directory, beside its {@code meta.json}: the snapshot in
 * {@code schema-history.json} (written to a temporary file, forced, renamed over the old one) and the DDL entries
 * after it in {@code schema-history.log}, one JSON object a line, each forced to disk before the DDL's entry
 * is handed on. A last line cut short by a crash is dropped with a WARN: its DDL was not delivered, so it is
 * read again. Used from one parser thread at a time.
 */
public final class FileSchemaHistoryStore implements SchemaHistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSchemaHistoryStore.class);
    static final String SNAPSHOT = "schema-history.json";
    static final String LOG_FILE = "schema-history.log";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path dir;

    /** @param dir the destination's data directory */
    public FileSchemaHistoryStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<Stored> load() {
        Path snapshotFile = dir.resolve(SNAPSHOT);
        if (!Files.exists(snapshotFile)) {
            return Optional.empty();
        }
        try {
            HistorySnapshot snapshot = mapper.readValue(snapshotFile.toFile(), HistorySnapshot.class);
            return Optional.of(new Stored(snapshot, entries()));
        } catch (IOException e) {
            throw new CollectorException("Cannot read the schema history " + snapshotFile + ": " + e.getMessage()
                    + ". Move the file away to take the schema from the source again at the next start.", false, e);
        }
    }

    private List<HistoryEntry> entries() throws IOException {
        Path logFile = dir.resolve(LOG_FILE);
        List<HistoryEntry> entries = new ArrayList<>();
        if (!Files.exists(logFile)) {
            return entries;
        }
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            try {
                entries.add(mapper.readValue(lines.get(i), HistoryEntry.class));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new IOException("line " + (i + 1) + " of " + logFile + " is not a history entry", e);
                }
                LOG.warn("Dropping the last line of {}, cut short by a crash: {}", logFile, e.getOriginalMessage());
            }
        }
        return entries;
    }

    @Override
    public void append(HistoryEntry entry) {
        Path logFile = dir.resolve(LOG_FILE);
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            byte[] line = (mapper.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            writeFully(ch, line);
            ch.force(true);
        } catch (IOException e) {
            throw new CollectorException("Cannot append to the schema history " + logFile + ": " + e.getMessage(),
                    true, e);
        }
    }

    @Override
    public void replace(HistorySnapshot snapshot) {
        try {
            Files.createDirectories(dir);
            DurableFiles.replace(dir.resolve(SNAPSHOT), mapper.writeValueAsBytes(snapshot));
            DurableFiles.replace(dir.resolve(LOG_FILE), new byte[0]);
        } catch (IOException e) {
            throw new CollectorException("Cannot write the schema history in " + dir + ": " + e.getMessage(), true, e);
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }
}
