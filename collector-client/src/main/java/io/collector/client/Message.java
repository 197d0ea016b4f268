package io.collector.client;

import io.collector.protocol.EntryProtocol.Entry;
import java.util.List;

/**
 * One batch from the server: its id, to acknowledge or roll back, and its raw entries in binlog order
 * (transaction begin/end markers, row changes, DDL). {@link #rows()} gives the typed row view.
 *
 * <p>Immutable and thread-safe.
 */
public final class Message {

    /** The batch id of an empty batch; acking or rolling it back does nothing. */
    public static final long EMPTY_BATCH_ID = -1;

    private final long batchId;
    private final List<Entry> entries;

    /**
     * Creates a batch.
     *
     * @param batchId the server's batch id, {@link #EMPTY_BATCH_ID} when the server had nothing
     * @param entries the raw entries, copied
     */
    public Message(long batchId, List<Entry> entries) {
        this.batchId = batchId;
        this.entries = List.copyOf(entries);
    }

    /**
     * Returns the batch id, to pass to {@code ack} or {@code rollback}.
     *
     * @return the batch id, {@link #EMPTY_BATCH_ID} for an empty batch
     */
    public long batchId() {
        return batchId;
    }

    /**
     * Returns the raw entries, as Canal's clients receive them.
     *
     * @return an unmodifiable list, empty for an empty batch
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns whether the batch holds no entries.
     *
     * @return {@code true} for an empty batch
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Returns the typed row view of this batch: one {@link ChangeRow} per changed row and per DDL or query
     * statement, in order. Parses the entries each time it is called.
     *
     * @return the rows, unmodifiable
     * @throws CollectorProtocolException if an entry's row change or globalId cannot be decoded
     */
    public List<ChangeRow> rows() {
        return ChangeRows.of(this);
    }

    @Override
    public String toString() {
        return "Message[batchId=" + batchId + ", entries=" + entries.size() + "]";
    }
}
