package io.collector.server.sink.filter;

import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;

/**
 * Drops entries by kind, as Canal's {@code canal.instance.filter.*} flags do. Only ROWDATA entries (rows,
 * DDL and other statements) are ever dropped; transaction begin/end and GTID entries always pass.
 *
 * @param dropInsert   drop INSERT rows entries ({@code filter.dml.insert})
 * @param dropUpdate   drop UPDATE rows entries ({@code filter.dml.update})
 * @param dropDelete   drop DELETE rows entries ({@code filter.dml.delete})
 * @param dropDdl      drop DDL entries of a specific kind: CREATE, ALTER, ERASE, RENAME, TRUNCATE, CINDEX,
 *                     DINDEX ({@code filter.query.ddl})
 * @param dropDcl      drop DDL entries of type QUERY: GRANT, CREATE/DROP DATABASE, views and other statements
 *                     with no specific type ({@code filter.query.dcl})
 * @param dropQueryDml drop non-DDL statement entries (type QUERY): DML logged as a statement
 *                     ({@code filter.query.dml})
 */
public record EventTypeFilter(boolean dropInsert, boolean dropUpdate, boolean dropDelete, boolean dropDdl,
        boolean dropDcl, boolean dropQueryDml) {

    private static final EventTypeFilter NONE = new EventTypeFilter(false, false, false, false, false, false);

    /** The filter that drops nothing. */
    public static EventTypeFilter none() {
        return NONE;
    }

    /** Whether {@code event} passes. */
    public boolean accepts(ChangeEvent event) {
        EventType type = event.header().getEventType();
        if (event.ddl()) {
            return type == EventType.QUERY ? !dropDcl : !dropDdl;
        }
        if (event.entryType() != EntryType.ROWDATA) {
            return true;
        }
        return switch (type) {
            case INSERT -> !dropInsert;
            case UPDATE -> !dropUpdate;
            case DELETE -> !dropDelete;
            case QUERY -> !dropQueryDml;
            default -> true;
        };
    }

    /** Whether the filter drops nothing, so it need not be consulted. */
    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
