package io.collector.server.snapshot;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies delivered entries, in order, to copies of the source tables in another database: INSERT as REPLACE (a
 * snapshot row may meet a row of the same key that a resumed snapshot delivered before), UPDATE as delete of the
 * before image plus REPLACE of the after image, DELETE by key; for a table without a key, by all columns, one row.
 */
public final class CopyApplier {

    private final Connection copy;
    private final String copyDb;
    /** Key column names per source table name; empty list: the table has no key. */
    private final Map<String, List<String>> keys;
    private long rows;

    public CopyApplier(Connection copy, String copyDb, Map<String, List<String>> keys) {
        this.copy = copy;
        this.copyDb = copyDb;
        this.keys = keys;
    }

    public long rows() {
        return rows;
    }

    /** Applies the rows entries among {@code entries}, in order. */
    public void apply(List<Entry> entries) throws SQLException {
        for (Entry e : entries) {
            if (e.getEntryType() != EntryType.ROWDATA || !keys.containsKey(e.getHeader().getTableName())) {
                continue;
            }
            RowChange change = rowChange(e);
            if (!change.getIsDdl()) {
                apply(e.getHeader().getTableName(), change);
            }
        }
    }

    private static RowChange rowChange(Entry e) {
        try {
            return RowChange.parseFrom(e.getStoreValue());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError("corrupt RowChange in an entry", ex);
        }
    }

    private void apply(String table, RowChange change) throws SQLException {
        if (change.getEventType() == EventType.INSERT) {
            rows += change.getRowDatasCount();
            insertAll(table, change.getRowDatasList());
            return;
        }
        for (RowData row : change.getRowDatasList()) {
            rows++;
            if (change.getEventType() == EventType.INSERT) {
                replace(table, row.getAfterColumnsList());
            } else if (change.getEventType() == EventType.UPDATE) {
                delete(table, row.getBeforeColumnsList());
                replace(table, row.getAfterColumnsList());
            } else if (change.getEventType() == EventType.DELETE) {
                delete(table, row.getBeforeColumnsList());
            }
        }
    }

    /** One multi-row statement for an insert entry (a snapshot entry holds up to 256 rows). */
    private void insertAll(String table, List<RowData> rowDatas) throws SQLException {
        List<Column> first = rowDatas.get(0).getAfterColumnsList();
        String names = first.stream().map(c -> "`" + c.getName() + "`").collect(Collectors.joining(", "));
        String tuple = first.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        String values = rowDatas.stream().map(r -> tuple).collect(Collectors.joining(", "));
        String verb = keys.get(table).isEmpty() ? "INSERT" : "REPLACE";
        try (PreparedStatement st = copy.prepareStatement(verb + " INTO `" + copyDb + "`.`" + table + "` (" + names
                + ") VALUES " + values)) {
            int p = 1;
            for (RowData row : rowDatas) {
                for (Column c : row.getAfterColumnsList()) {
                    bind(st, p++, c);
                }
            }
            st.executeUpdate();
        }
    }

    private void replace(String table, List<Column> image) throws SQLException {
        String names = image.stream().map(c -> "`" + c.getName() + "`").collect(Collectors.joining(", "));
        String marks = image.stream().map(c -> "?").collect(Collectors.joining(", "));
        String verb = keys.get(table).isEmpty() ? "INSERT" : "REPLACE";
        try (PreparedStatement st = copy.prepareStatement(verb + " INTO `" + copyDb + "`.`" + table + "` (" + names
                + ") VALUES (" + marks + ")")) {
            for (int i = 0; i < image.size(); i++) {
                bind(st, i + 1, image.get(i));
            }
            st.executeUpdate();
        }
    }

    private void delete(String table, List<Column> image) throws SQLException {
        List<String> key = keys.get(table);
        List<Column> match = key.isEmpty() ? image
                : image.stream().filter(c -> key.contains(c.getName())).toList();
        String where = match.stream().map(c -> "`" + c.getName() + "` <=> ?").collect(Collectors.joining(" AND "));
        try (PreparedStatement st = copy.prepareStatement("DELETE FROM `" + copyDb + "`.`" + table + "` WHERE "
                + where + " LIMIT 1")) {
            for (int i = 0; i < match.size(); i++) {
                bind(st, i + 1, match.get(i));
            }
            st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, int i, Column c) throws SQLException {
        if (c.getIsNull()) {
            st.setNull(i, Types.VARCHAR);
        } else {
            st.setString(i, c.getValue());
        }
    }
}
