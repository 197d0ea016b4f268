package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;

import java.util.List;

/**
 * What a query event's statement is, for the entry Canal would write and for table schema cache invalidation.
 *
 * @param type    Canal's event type (CREATE, ALTER, ERASE, TRUNCATE, RENAME, CINDEX, DINDEX, QUERY; INSERT, UPDATE
 *                or DELETE for statement-based DML)
 * @param schema  the entry's schema: the statement's target schema, or the event's current database
 * @param table   the entry's table, or null when the statement names none (database statements, GRANT, ...)
 * @param touched every table whose definition may have changed: both names of a rename, all tables of a
 *                multi-table DROP, {@link QualifiedTable#wholeSchema} for a dropped database
 * @param ddl     whether Canal marks the entry {@code isDdl}: false for DML and transaction control, true
 *                otherwise
 */
public record DdlInfo(EventType type, String schema, String table, List<QualifiedTable> touched, boolean ddl) {

    public DdlInfo {
        touched = List.copyOf(touched);
    }

    static DdlInfo of(EventType type, QualifiedTable target, List<QualifiedTable> touched) {
        return new DdlInfo(type, target.schema(), target.table(), touched, true);
    }

    static DdlInfo query(String schema, boolean ddl) {
        return new DdlInfo(EventType.QUERY, schema, null, List.of(), ddl);
    }
}
