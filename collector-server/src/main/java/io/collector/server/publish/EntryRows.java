package io.collector.server.publish;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import java.util.List;

/**
 * A published entry (rows, DDL or a statement logged as a query) with its {@link RowChange} at hand, and
 * the per-row facts publishers need: the row image that identifies the row, and each row's id.
 */
public final class EntryRows {

    private final ChangeEvent event;
    private final RowChange change;

    private EntryRows(ChangeEvent event, RowChange change) {
        this.event = event;
        this.change = change;
    }

    /** Whether an event is published at all: ROWDATA entries are, transaction begin/end and the rest are not. */
    public static boolean isPublished(ChangeEvent event) {
        return event.ddl() || event.isRowData();
    }

    /** The entry's RowChange, parsed unless the event holds it so; only for {@link #isPublished published} events. */
    public static EntryRows of(ChangeEvent event) {
        return new EntryRows(event, event.rowChange());
    }

    public ChangeEvent event() {
        return event;
    }

    public RowChange change() {
        return change;
    }

    public Header header() {
        return event.header();
    }

    /**
     * Whether the column values are held as strings (the parser's own RowChange) rather than as the UTF-8 bytes
     * of a parsed entry: each is cheaper to read in its own form.
     */
    public boolean valuesAreStrings() {
        return event.isParsed();
    }

    public String schema() {
        return header().getSchemaName();
    }

    public String table() {
        return header().getTableName();
    }

    /** Whether this is a DDL statement (no rows). */
    public boolean ddl() {
        return event.ddl() || change.getIsDdl();
    }

    public EventType eventType() {
        return change.getEventType();
    }

    public int rowCount() {
        return change.getRowDatasCount();
    }

    /** Row {@code i}'s after-image, or its before-image for a DELETE: Canal's {@code data} row. */
    public List<Column> image(int i) {
        RowData row = change.getRowDatas(i);
        return change.getEventType() == EventType.DELETE ? row.getBeforeColumnsList() : row.getAfterColumnsList();
    }

    /** Row {@code i}'s before-image (empty for an INSERT). */
    public List<Column> before(int i) {
        return change.getRowDatas(i).getBeforeColumnsList();
    }

    /** The id of row {@code i}: the entry's globalId plus the row's index. */
    public long rowGlobalId(int i) {
        return event.globalId() + i;
    }
}
