package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;

import java.util.List;
import java.util.Locale;

/**
 * Statement-based DML for {@link DdlClassifier}: {@code INSERT}/{@code REPLACE} → INSERT, {@code UPDATE} →
 * UPDATE, {@code DELETE} → DELETE, on the first table named, with {@code ddl=false} as Canal marks them.
 */
final class DmlClassifier {

    private DmlClassifier() {
    }

    static DdlInfo dml(SqlToken verb, TokenCursor cursor, String currentDatabase) {
        String keyword = verb.text().toUpperCase(Locale.ROOT);
        EventType type = switch (keyword) {
            case "UPDATE" -> EventType.UPDATE;
            case "DELETE" -> EventType.DELETE;
            default -> EventType.INSERT;
        };
        cursor.acceptAny("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY");
        cursor.accept("QUICK");
        cursor.accept("IGNORE");
        if (type == EventType.DELETE) {
            cursor.skipPastKeyword("FROM");
        } else {
            cursor.accept("INTO");
        }
        QualifiedTable table = cursor.table(currentDatabase);
        return table == null ? new DdlInfo(type, currentDatabase, null, List.of(), false)
            : new DdlInfo(type, table.schema(), table.table(), List.of(), false);
    }
}
