package io.collector.server.savepoint;

import java.util.List;
import java.util.Optional;

/**
 * Where savepoints are kept durably: files beside the file cursors when standalone, ZooKeeper under high
 * availability. Also remembers which savepoint was last applied at start-up to each destination, so that
 * {@code collector.instance.start.savepoint} is applied once, not at every restart. Thread-safe; failures are
 * {@link io.collector.server.error.CollectorException}s naming the file or znode.
 */
public interface SavepointStore {

    /** Writes {@code savepoint}; an existing one of the same name is an {@link IllegalArgumentException}. */
    void save(Savepoint savepoint);

    /** The savepoints of {@code destination}, oldest first. */
    List<Savepoint> list(String destination);

    Optional<Savepoint> find(String destination, String name);

    /** Deletes one savepoint; false when there was none of that name. */
    boolean delete(String destination, String name);

    /** The mark of the savepoint last applied at start-up ({@code name@createdAtMs}), if any. */
    Optional<String> appliedMark(String destination);

    void markApplied(String destination, String mark);
}
