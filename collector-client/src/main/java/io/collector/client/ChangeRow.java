package io.collector.client;

import io.collector.protocol.EntryProtocol.EventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One changed row, or one DDL or query statement, with its binlog coordinates: the typed view of an entry.
 * Made by {@link ChangeRows} from raw entries.
 *
 * <p>Column maps keep the table's column order and map SQL {@code NULL} to a {@code null} value; values are
 * Canal's text forms. An INSERT has only {@link #after()}, a DELETE only {@link #before()}, an UPDATE both;
 * a statement has neither, and its text in {@link #sql()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChangeRow {

    private final EntryHeader header;
    private final int rowIndex;
    private final EventType eventType;
    private final boolean ddl;
    private final String sql;
    private final Map<String, String> before;
    private final Map<String, String> after;
    private final List<String> primaryKeys;
    private final Set<String> updatedColumns;

    /** Row {@code rowIndex} of the entry {@code header} describes. */
    ChangeRow(EntryHeader header, int rowIndex, EventType eventType, boolean ddl, String sql, RowImages images) {
        this.header = header;
        this.rowIndex = rowIndex;
        this.eventType = eventType;
        this.ddl = ddl;
        this.sql = sql;
        this.before = images.before();
        this.after = images.after();
        this.primaryKeys = images.primaryKeys();
        this.updatedColumns = images.updatedColumns();
    }

    /**
     * Returns the schema (database) name.
     *
     * @return the database; for a DDL the schema it ran in, possibly empty
     */
    public String database() {
        return header.database();
    }

    /**
     * Returns the table name.
     *
     * @return the table, empty for a statement without one
     */
    public String table() {
        return header.table();
    }

    /**
     * Returns the kind of change: INSERT, UPDATE, DELETE, or for statements CREATE, ALTER, ERASE, TRUNCATE,
     * RENAME, CINDEX, DINDEX, QUERY.
     *
     * @return the event type of the row change
     */
    public EventType eventType() {
        return eventType;
    }

    /**
     * Returns whether this is a DDL statement.
     *
     * @return {@code true} for DDL, with its text in {@link #sql()}
     */
    public boolean isDdl() {
        return ddl;
    }

    /**
     * Returns whether this is a row change (INSERT, UPDATE or DELETE) rather than a statement.
     *
     * @return {@code true} for a row change
     */
    public boolean isRowChange() {
        return !ddl && sql.isEmpty();
    }

    /**
     * Returns the statement text of a DDL or query.
     *
     * @return the SQL, empty for a row change
     */
    public String sql() {
        return sql;
    }

    /**
     * Returns the row before the change (UPDATE, DELETE).
     *
     * @return column name to value, in column order, {@code null} values for SQL NULL; empty for INSERT
     */
    public Map<String, String> before() {
        return before;
    }

    /**
     * Returns the row after the change (INSERT, UPDATE).
     *
     * @return column name to value, in column order, {@code null} values for SQL NULL; empty for DELETE
     */
    public Map<String, String> after() {
        return after;
    }

    /**
     * Returns the row's image: after the change for INSERT and UPDATE, before it for DELETE.
     *
     * @return column name to value, in column order; empty for statements
     */
    public Map<String, String> image() {
        return after.isEmpty() ? before : after;
    }

    /**
     * Returns the primary-key column names, in column order.
     *
     * @return the key columns, empty if the table has none or for statements
     */
    public List<String> primaryKeys() {
        return primaryKeys;
    }

    /**
     * Returns the primary-key values of the row's {@link #image()}.
     *
     * @return key column name to value, in column order
     */
    public Map<String, String> keyValues() {
        Map<String, String> keys = new LinkedHashMap<>();
        primaryKeys.forEach(name -> keys.put(name, image().get(name)));
        return java.util.Collections.unmodifiableMap(keys);
    }

    /**
     * Returns the columns an UPDATE changed: those the server flagged as updated, or, if it flagged none, those
     * whose value differs between {@link #before()} and {@link #after()}.
     *
     * @return the changed column names in column order; empty except for UPDATE
     */
    public Set<String> updatedColumns() {
        return updatedColumns;
    }

    /**
     * Returns the collector's global id of this row: 64 bits, strictly increasing in binlog order within a
     * destination, unique per row, the same after a replay. It is the entry's {@code globalId} header property
     * plus the row's index within the entry. Canal servers don't send it.
     *
     * @return the row's global id, or empty when the entry has none
     */
    public OptionalLong globalId() {
        OptionalLong entryId = header.globalId();
        return entryId.isPresent() ? OptionalLong.of(entryId.getAsLong() + rowIndex) : entryId;
    }

    /**
     * Returns the binlog file the change was read from.
     *
     * @return the binlog file name
     */
    public String logfileName() {
        return header.logfileName();
    }

    /**
     * Returns the position of the change's event in its binlog file.
     *
     * @return the binlog offset
     */
    public long logfileOffset() {
        return header.logfileOffset();
    }

    /**
     * Returns when the source database executed the change (the binlog event time, second precision
     * in MySQL).
     *
     * @return the execution time
     */
    public Instant executeTime() {
        return header.executeTime();
    }

    /**
     * Returns the GTID of the change's transaction.
     *
     * @return the GTID, empty when the source has none
     */
    public String gtid() {
        return header.gtid();
    }

    @Override
    public String toString() {
        String what = isRowChange() ? "before=" + before + ", after=" + after : "sql=" + sql;
        return "ChangeRow[" + database() + "." + table() + " " + eventType + ", " + what + ", globalId="
                + globalId() + ", " + logfileName() + ":" + logfileOffset() + "]";
    }
}
