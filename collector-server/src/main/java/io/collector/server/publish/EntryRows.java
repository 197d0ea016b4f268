package io.collector.server.publish;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.publish.RowChangeView.ColumnTable;

/**
 * A published entry (rows, DDL or a statement logged as a query) with its {@link RowChange} at hand as a
 * {@link RowChangeView} over its bytes (an encoded event's own bytes, without copying), and the per-row facts
 * publishers need: the row image that identifies the row, and each row's id.
 */
public final class EntryRows {

    private final ChangeEvent event;
    private final RowChangeView view;
    private RowChange change;

    private EntryRows(ChangeEvent event, RowChangeView view) {
        this.event = event;
        this.view = view;
    }

    /** Whether an event is published at all: ROWDATA entries are, transaction begin/end and the rest are not. */
    public static boolean isPublished(ChangeEvent event) {
        return event.ddl() || event.isRowData();
    }

    /** The entry's RowChange, read in place; only for {@link #isPublished published} events. */
    public static EntryRows of(ChangeEvent event) {
        if (event.isEncoded()) {
            return new EntryRows(event, RowChangeView.of(event.encodedBytes(), event.storeValueOffset(),
                    event.storeValueLength()));
        }
        byte[] bytes = event.isParsed() ? event.rowChange().toByteArray()
                : event.entry().getStoreValue().toByteArray();
        return new EntryRows(event, RowChangeView.of(bytes, 0, bytes.length));
    }

    public ChangeEvent event() {
        return event;
    }

    /** The rows, read in place. */
    public RowChangeView view() {
        return view;
    }

    /** The entry's RowChange as an object, parsed on the first call (the protobuf format rewrites subsets). */
    public RowChange change() {
        RowChange c = change;
        if (c == null) {
            c = event.rowChange();
            change = c;
        }
        return c;
    }

    public Header header() {
        return event.header();
    }

    public String schema() {
        return header().getSchemaName();
    }

    public String table() {
        return header().getTableName();
    }

    /** Whether this is a DDL statement (no rows). */
    public boolean ddl() {
        return event.ddl() || view.isDdl();
    }

    /** The event type; UPDATE (protobuf's default) for a number this build does not know. */
    public EventType eventType() {
        EventType type = EventType.forNumber(view.eventTypeNumber());
        return type != null ? type : EventType.UPDATE;
    }

    public int rowCount() {
        return view.rowCount();
    }

    /** The columns of Canal's {@code data} rows: the after-images, or the before-images for a DELETE. */
    public ColumnTable imageColumns() {
        return isDelete() ? view.before() : view.after();
    }

    /** The first column of row {@code i}'s {@code data} image in {@link #imageColumns()}. */
    public int imageStart(int i) {
        return isDelete() ? view.beforeStart(i) : view.afterStart(i);
    }

    /** One past the last column of row {@code i}'s {@code data} image in {@link #imageColumns()}. */
    public int imageEnd(int i) {
        return isDelete() ? view.beforeEnd(i) : view.afterEnd(i);
    }

    private boolean isDelete() {
        return view.eventTypeNumber() == EventType.DELETE_VALUE;
    }

    /** The id of row {@code i}: the entry's globalId plus the row's index. */
    public long rowGlobalId(int i) {
        return event.globalId() + i;
    }
}
