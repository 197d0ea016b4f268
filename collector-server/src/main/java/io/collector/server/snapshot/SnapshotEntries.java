package io.collector.server.snapshot;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.Type;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.convert.Value;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.position.LogPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns snapshot rows into INSERT entries: Canal's header and column fields as the binlog path fills them, the
 * header props {@code rowsCount}, {@code globalId} and {@code snapshot=true}, the snapshot's binlog position as
 * the entry's position and as its restart point. Row {@code i} of an entry has id {@code globalId + i}. Backfill
 * rows are built the same way with the prop {@code backfill=<id>} instead, at their high watermark's position.
 */
final class SnapshotEntries {

    /** Header prop that marks a snapshot row. */
    static final String SNAPSHOT_PROP = "snapshot";
    /** Header prop that marks a backfill row; its value is the backfill's id. */
    static final String BACKFILL_PROP = "backfill";
    /** Rows per entry. */
    static final int ENTRY_ROWS = 256;

    private final LogPosition at;
    private final LogPosition restart;
    private final long serverId;
    private final EntryForm form;
    private final Pair marker;

    SnapshotEntries(LogPosition at, long serverId, EntryForm form) {
        this(at, at, serverId, form, pair(SNAPSHOT_PROP, "true"));
    }

    /** Entries at {@code at} that restart from {@code restart}, marked by the header prop {@code marker}. */
    SnapshotEntries(LogPosition at, LogPosition restart, long serverId, EntryForm form, Pair marker) {
        this.at = at;
        this.restart = restart;
        this.serverId = serverId;
        this.form = form;
        this.marker = marker;
    }

    /** The entries of {@code rows}, numbered from {@code firstId}. */
    List<ChangeEvent> build(SnapshotTable table, List<Value[]> rows, long firstId) {
        List<ChangeEvent> events = new ArrayList<>(rows.size() / ENTRY_ROWS + 1);
        for (int from = 0; from < rows.size(); from += ENTRY_ROWS) {
            List<Value[]> part = rows.subList(from, Math.min(rows.size(), from + ENTRY_ROWS));
            events.add(event(table, part, firstId + from));
        }
        return events;
    }

    private ChangeEvent event(SnapshotTable table, List<Value[]> rows, long id) {
        RowChange.Builder change = RowChange.newBuilder().setEventType(EventType.INSERT).setIsDdl(false);
        for (Value[] row : rows) {
            RowData.Builder data = RowData.newBuilder();
            for (int i = 0; i < row.length; i++) {
                data.addAfterColumns(column(table.columns().get(i).schema(), row[i]));
            }
            change.addRowDatas(data);
        }
        Entry shell = Entry.newBuilder().setHeader(header(table, rows.size(), id)).setEntryType(EntryType.ROWDATA).build();
        if (form == EntryForm.PARSED) {
            return ChangeEvent.parsed(shell, change.build(), id, at, restart, false);
        }
        return new ChangeEvent(shell.toBuilder().setStoreValue(change.build().toByteString()).build(), id, at,
                restart, false);
    }

    private Header header(SnapshotTable table, int rowCount, long id) {
        return Header.newBuilder()
                .setVersion(1)
                .setLogfileName(at.journal())
                .setLogfileOffset(at.offset())
                .setServerId(serverId)
                .setServerenCode("UTF-8")
                .setExecuteTime(at.timestamp())
                .setSourceType(Type.MYSQL)
                .setSchemaName(table.schema())
                .setTableName(table.table())
                .setEventLength(0)
                .setEventType(EventType.INSERT)
                .addProps(pair("rowsCount", Integer.toString(rowCount)))
                .addProps(pair("globalId", Long.toString(id)))
                .addProps(marker)
                .build();
    }

    private static Column column(ColumnSchema schema, Value value) {
        Column.Builder c = Column.newBuilder()
                .setIndex(schema.index())
                .setSqlType(value.sqlType())
                .setName(schema.name())
                .setIsKey(schema.primaryKey())
                .setUpdated(true)
                .setIsNull(value.isNull());
        if (!value.isNull()) {
            c.setValue(value.text());
        }
        return c.setMysqlType(schema.columnType()).build();
    }

    static Pair pair(String key, String value) {
        return Pair.newBuilder().setKey(key).setValue(value).build();
    }
}
