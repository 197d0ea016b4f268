package io.collector.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns raw entries into {@link ChangeRow}s: one per row of a row change, one per DDL or query statement.
 * Transaction begin/end, GTID and heartbeat entries carry no rows and are skipped.
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
        message.entries().forEach(entry -> rows.addAll(of(entry)));
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
        if (entry.getEntryType() != EntryType.ROWDATA) {
            return List.of();
        }
        RowChange change = rowChange(entry);
        EventType type = change.hasEventType() ? change.getEventType() : entry.getHeader().getEventType();
        EntryHeader header = header(entry.getHeader(), change);
        if (change.getIsDdl() || change.getRowDatasCount() == 0) {
            boolean statement = change.getIsDdl() || !change.getSql().isEmpty();
            return statement ? List.of(new ChangeRow(header, type, change.getIsDdl(), change.getSql(),
                    RowImages.NONE)) : List.of();
        }
        List<ChangeRow> rows = new ArrayList<>(change.getRowDatasCount());
        for (int i = 0; i < change.getRowDatasCount(); i++) {
            rows.add(new ChangeRow(header.row(i), type, false, "", images(type, change.getRowDatas(i))));
        }
        return Collections.unmodifiableList(rows);
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

    private static RowChange rowChange(Entry entry) {
        try {
            return RowChange.parseFrom(entry.getStoreValue());
        } catch (InvalidProtocolBufferException e) {
            Header h = entry.getHeader();
            throw new CollectorProtocolException("cannot decode the row change of the entry at "
                    + h.getLogfileName() + ":" + h.getLogfileOffset() + " (" + h.getSchemaName() + "."
                    + h.getTableName() + "): " + e.getMessage(), e);
        }
    }

    private static EntryHeader header(Header h, RowChange change) {
        String database = h.getSchemaName().isEmpty() ? change.getDdlSchemaName() : h.getSchemaName();
        return new EntryHeader(database, h.getTableName(), globalId(h), h.getLogfileName(), h.getLogfileOffset(),
                Instant.ofEpochMilli(h.getExecuteTime()), h.getGtid());
    }

    private static RowImages images(EventType type, RowData data) {
        Map<String, String> before = values(data.getBeforeColumnsList());
        Map<String, String> after = values(data.getAfterColumnsList());
        List<Column> image = data.getAfterColumnsCount() > 0 ? data.getAfterColumnsList() : data.getBeforeColumnsList();
        List<String> keys = image.stream().filter(Column::getIsKey).map(Column::getName).toList();
        Set<String> updated = type == EventType.UPDATE ? updated(data, before, after) : Set.of();
        return new RowImages(before, after, keys, updated);
    }

    private static Map<String, String> values(List<Column> columns) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Column column : columns) {
            values.put(column.getName(), column.getIsNull() ? null : column.getValue());
        }
        return Collections.unmodifiableMap(values);
    }

    private static Set<String> updated(RowData data, Map<String, String> before, Map<String, String> after) {
        Set<String> flagged = new LinkedHashSet<>();
        data.getAfterColumnsList().stream().filter(Column::getUpdated).forEach(c -> flagged.add(c.getName()));
        if (flagged.isEmpty()) {
            after.forEach((name, value) -> {
                if (!before.containsKey(name) || !Objects.equals(before.get(name), value)) {
                    flagged.add(name);
                }
            });
        }
        return Collections.unmodifiableSet(flagged);
    }
}
