package io.collector.server.savepoint;

import io.collector.server.error.CollectorException;
import io.collector.server.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Savepoints as files beside the file cursors: {@code <dataDir>/<destination>/savepoints/<name>.json}, and the
 * start-up mark in {@code <dataDir>/<destination>/savepoints/applied}. Each file is written to a temporary file,
 * forced to disk and renamed, so a crash leaves the old content or the new one.
 */
public final class FileSavepointStore implements SavepointStore {

    private static final String SUFFIX = ".json";
    private static final String APPLIED = "applied";

    private final Path dataDir;
    private final SavepointCodec codec = new SavepointCodec();

    public FileSavepointStore(Path dataDir) {
        this.dataDir = dataDir;
    }

    private Path dir(String destination) {
        return dataDir.resolve(destination).resolve("savepoints");
    }

    private Path file(String destination, String name) {
        return dir(destination).resolve(name + SUFFIX);
    }

    @Override
    public synchronized void save(Savepoint savepoint) {
        Path file = file(savepoint.destination(), savepoint.name());
        if (Files.exists(file)) {
            throw new IllegalArgumentException("savepoint " + savepoint.name() + " of destination "
                    + savepoint.destination() + " exists already");
        }
        write(file, codec.encode(savepoint));
    }

    @Override
    public synchronized List<Savepoint> list(String destination) {
        List<Savepoint> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir(destination))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                all.add(codec.decode(Files.readAllBytes(f), f.toString()));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CollectorException("Cannot read savepoints in " + dir(destination) + ": " + e, true, e);
        }
        all.sort(Comparator.comparingLong(Savepoint::createdAtMs).thenComparing(Savepoint::name));
        return all;
    }

    @Override
    public synchronized Optional<Savepoint> find(String destination, String name) {
        Path file = file(destination, name);
        try {
            return Optional.of(codec.decode(Files.readAllBytes(file), file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CollectorException("Cannot read savepoint " + file + ": " + e, true, e);
        }
    }

    @Override
    public synchronized boolean delete(String destination, String name) {
        Path file = file(destination, name);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CollectorException("Cannot delete savepoint " + file + ": " + e, true, e);
        }
    }

    @Override
    public synchronized Optional<String> appliedMark(String destination) {
        Path file = dir(destination).resolve(APPLIED);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CollectorException("Cannot read " + file + ": " + e, true, e);
        }
    }

    @Override
    public synchronized void markApplied(String destination, String mark) {
        write(dir(destination).resolve(APPLIED), mark.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            DurableFiles.replace(file, bytes);
        } catch (IOException e) {
            throw new CollectorException("Cannot write " + file + ": " + e, true, e);
        }
    }
}
