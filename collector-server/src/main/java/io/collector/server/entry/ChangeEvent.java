package io.collector.server.entry;

import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.util.Objects;

/**
 * One entry as it travels from the parser through the sink and the store: the Canal entry itself, its
 * {@code globalId}, the binlog position of the event that produced it and the transaction boundary from
 * which reading restarts to reproduce everything after it.
 *
 * @param entry    the Canal entry
 * @param globalId see {@link io.collector.server.position.GlobalId}
 * @param position start of the event that produced the entry
 * @param restart  for a transaction end or a DDL: the position just after it; otherwise the start of the
 *                 transaction the entry belongs to
 * @param ddl      whether the entry is a DDL statement
 */
public record ChangeEvent(Entry entry, long globalId, LogPosition position, LogPosition restart, boolean ddl) {

    public ChangeEvent {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(restart, "restart");
    }

    /** Serialized size of the entry in bytes (memoized by protobuf). */
    public int size() {
        return entry.getSerializedSize();
    }

    /** Whether a consumer that acknowledged up to here stands on a transaction boundary. */
    public boolean boundary() {
        return ddl || entry.getEntryType() == EntryType.TRANSACTIONEND;
    }

    /** The cursor a consumer holds after acknowledging this event. */
    public Cursor cursor() {
        return new Cursor(restart, globalId);
    }

    /** The entry's schema and table as {@code schema.table}. */
    public String qualifiedTable() {
        return entry.getHeader().getSchemaName() + "." + entry.getHeader().getTableName();
    }

    /** Whether the entry carries rows (ROWDATA that is not DDL). */
    public boolean isRowData() {
        return entry.getEntryType() == EntryType.ROWDATA && !ddl;
    }

    /** Parses the entry's RowChange; only for ROWDATA entries. */
    public RowChange rowChange() {
        try {
            return RowChange.parseFrom(entry.getStoreValue());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt RowChange in entry " + globalId, e);
        }
    }
}
