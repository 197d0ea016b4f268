package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import io.collector.server.error.PoisonEventException;
import io.collector.server.error.SourceException;
import io.collector.server.parser.convert.SourceEventHeader;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which binlog event types the parser handles, which it skips on purpose (each with the reason it carries no
 * change to deliver), and what to change on the source for every other one. A type on neither list stops the
 * destination: skipping it could lose rows.
 */
final class EventTypes {

    /** Types turned into entries or into the parser's bookkeeping. */
    static final Set<EventType> HANDLED = Collections.unmodifiableSet(EnumSet.of(EventType.ROTATE,
            EventType.TABLE_MAP, EventType.QUERY, EventType.XID, EventType.GTID, EventType.MARIADB_GTID,
            EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS, EventType.EXT_WRITE_ROWS,
            EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS, EventType.TRANSACTION_PAYLOAD));

    /** Handled types the source always writes with their position (end_log_pos) in a plain binlog stream. */
    static final Set<EventType> POSITIONED = Collections.unmodifiableSet(EnumSet.of(EventType.TABLE_MAP,
            EventType.QUERY, EventType.XID, EventType.GTID, EventType.MARIADB_GTID, EventType.WRITE_ROWS,
            EventType.UPDATE_ROWS, EventType.DELETE_ROWS, EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS,
            EventType.EXT_DELETE_ROWS, EventType.TRANSACTION_PAYLOAD));

    /** Types that carry no change to deliver, with the reason. */
    static final Map<EventType, String> SKIPPED = skipped();

    private EventTypes() {
    }

    private static Map<EventType, String> skipped() {
        Map<EventType, String> m = new EnumMap<>(EventType.class);
        m.put(EventType.FORMAT_DESCRIPTION, "describes the file's format; the deserializer reads it");
        m.put(EventType.STOP, "the source stopped; the next file follows");
        m.put(EventType.HEARTBEAT, "keeps the connection alive");
        m.put(EventType.IGNORABLE, "flagged ignorable by the source itself");
        m.put(EventType.ROWS_QUERY, "the statement text of the rows events that follow (binlog_rows_query_log_events)");
        m.put(EventType.ANNOTATE_ROWS, "the statement text of the rows events that follow (binlog_annotate_row_events)");
        m.put(EventType.PREVIOUS_GTIDS, "the GTID set of earlier files");
        m.put(EventType.MARIADB_GTID_LIST, "the GTID state at the start of a file");
        m.put(EventType.BINLOG_CHECKPOINT, "MariaDB crash-recovery bookkeeping");
        m.put(EventType.ANONYMOUS_GTID, "a transaction without GTID; its BEGIN or statement opens it");
        m.put(EventType.TRANSACTION_CONTEXT, "group replication certification data");
        m.put(EventType.VIEW_CHANGE, "group replication membership change");
        m.put(EventType.XA_PREPARE, "ends the prepare phase; its rows were delivered between XA START and XA END");
        m.put(EventType.INTVAR, "auto-increment value for a statement; rows carry their values");
        m.put(EventType.RAND, "random seed for a statement; rows carry their values");
        m.put(EventType.USER_VAR, "user variable for a statement; rows carry their values");
        return Collections.unmodifiableMap(m);
    }

    /** An event that cannot be delivered: failing beats skipping it, which would lose rows. */
    static PoisonEventException unsupported(EventHeaderV4 h, String at) {
        return new PoisonEventException("unsupported binlog event " + SourceEventHeader.describeType(h) + " at "
                + at + " (header " + h + "): " + advice(h.getEventType()) + ". Then restart this destination from"
                + " a position after this event (collector.instance.start.journal/.position with its cursor removed).");
    }

    /** A row or transaction event without its binlog position: its entries would get no distinct ids. */
    static SourceException withoutPosition(EventHeaderV4 h, String after) {
        return new SourceException("binlog event " + h.getEventType() + " after " + after + " has no position"
                + " (end_log_pos 0; header " + h + "): the source writes events without their position (MariaDB"
                + " 11.4+ with binlog_legacy_event_pos=OFF). Run SET GLOBAL binlog_legacy_event_pos=ON on the source"
                + " and restart this destination");
    }

    /** What to change so an unsupported type is no longer written, for the stop message. */
    static String advice(EventType type) {
        return switch (type) {
            case PARTIAL_UPDATE_ROWS_EVENT -> "partial JSON updates carry only the changed part of a JSON value;"
                    + " set binlog_row_value_options='' (empty) on the source";
            case INCIDENT -> "the source recorded an incident: changes may be missing from its binlog; check the"
                    + " source's error log and re-synchronise the affected tables";
            case UNKNOWN -> "this event type is not known to this collector (MariaDB compressed events 165-171 are"
                    + " decoded): turn off the source feature that writes it";
            default -> "statement-based or pre-GA events carry no row images; set binlog_format=ROW on the source";
        };
    }
}
