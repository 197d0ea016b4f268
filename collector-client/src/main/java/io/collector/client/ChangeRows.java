package io.collector.client;

import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns raw entries into {@link ChangeRow}s: one per row of a row change, one per DDL or query statement.
 * Transaction begin/end, GTID and heartbeat entries carry no rows and are skipped. Row changes are read straight
 * from their bytes ({@link RowChangeReader}); the rows of an entry share their column names.
 *
 * <p>Stateless; callable from any thread.
 */
public final class ChangeRows {

    /** The entry header property holding the collector's global event id. */
    public static final String GLOBAL_ID = "globalId";

    private ChangeRows() {
    }

    /**
     * Returns the rows of every entry of a batch, in order.
     *
     * @param message the batch
     * @return the rows, unmodifiable
     * @throws CollectorProtocolException if an entry's row change or globalId cannot be decoded
     */
    public static List<ChangeRow> of(Message message) {
        List<ChangeRow> rows = new ArrayList<>();
        for (Entry entry : message.entries()) {
            addRows(entry, rows);
        }
        return Collections.unmodifiableList(rows);
    }

    /**
     * Returns the rows of one entry.
     *
     * @param entry a raw entry
     * @return its rows, unmodifiable; empty for entries that are not row data
     * @throws CollectorProtocolException if the entry's row change or globalId cannot be decoded
     */
    public static List<ChangeRow> of(Entry entry) {
        List<ChangeRow> rows = new ArrayList<>();
        addRows(entry, rows);
        return Collections.unmodifiableList(rows);
    }

    /** Adds the rows of {@code entry} to {@code rows}, read from its bytes ({@link RowChangeReader}). */
    private static void addRows(Entry entry, List<ChangeRow> rows) {
        if (entry.getEntryType() != EntryType.ROWDATA) {
            return;
        }
        try {
            RowChangeReader change = RowChangeReader.read(entry.getStoreValue());
            EventType type = change.eventType() != null ? change.eventType() : entry.getHeader().getEventType();
            EntryHeader header = header(entry.getHeader(), change.ddlSchemaName());
            if (change.isDdl() || change.rowCount() == 0) {
                if (change.isDdl() || !change.sql().isEmpty()) {
                    rows.add(new ChangeRow(header, 0, type, change.isDdl(), change.sql(), RowImages.NONE));
                }
                return;
            }
            for (int i = 0; i < change.rowCount(); i++) {
                rows.add(new ChangeRow(header, i, type, false, "", change.images(i, type)));
            }
        } catch (IOException e) {
            Header h = entry.getHeader();
            throw new CollectorProtocolException("cannot decode the row change of the entry at "
                    + h.getLogfileName() + ":" + h.getLogfileOffset() + " (" + h.getSchemaName() + "."
                    + h.getTableName() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Returns the {@value #GLOBAL_ID} header property of an entry.
     *
     * @param header an entry header
     * @return the global id, or empty when the header has none
     * @throws CollectorProtocolException if the property is not a decimal long
     */
    public static OptionalLong globalId(Header header) {
        for (Pair prop : header.getPropsList()) {
            if (GLOBAL_ID.equals(prop.getKey())) {
                try {
                    return OptionalLong.of(Long.parseLong(prop.getValue()));
                } catch (NumberFormatException e) {
                    throw new CollectorProtocolException("entry at " + header.getLogfileName() + ":"
                            + header.getLogfileOffset() + " has a globalId that is not a long: \""
                            + prop.getValue() + "\"", e);
                }
            }
        }
        return OptionalLong.empty();
    }

    private static EntryHeader header(Header h, String ddlSchemaName) {
        String database = h.getSchemaName().isEmpty() ? ddlSchemaName : h.getSchemaName();
        return new EntryHeader(database, h.getTableName(), globalId(h), h.getLogfileName(), h.getLogfileOffset(),
                Instant.ofEpochMilli(h.getExecuteTime()), h.getGtid());
    }
}
