package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies the statement of a QUERY event as Canal does (canal-types.md §5) with a small tokenizer instead of
 * a SQL parser: CREATE TABLE → CREATE, ALTER TABLE → ALTER / CINDEX / DINDEX / RENAME, RENAME TABLE → RENAME,
 * DROP TABLE → ERASE, TRUNCATE → TRUNCATE, CREATE / DROP INDEX → CINDEX / DINDEX, CREATE / DROP DATABASE → QUERY
 * on that database, anything else → QUERY on the current database. Comments, executable comments, backticks,
 * {@code IF [NOT] EXISTS}, {@code TEMPORARY}, {@code OR REPLACE}, {@code ONLINE}/{@code IGNORE} and qualified
 * names are understood; keywords are case-insensitive. Stateless and thread-safe.
 */
public final class DdlClassifier {

    private DdlClassifier() {
    }

    /**
     * @param sql             the statement of the query event
     * @param currentDatabase the event's current database, the schema of unqualified names (may be null or empty)
     */
    public static DdlInfo classify(String sql, String currentDatabase) {
        TokenCursor cursor = new TokenCursor(sql);
        SqlToken first = cursor.next();
        if (first.kind() != SqlToken.Kind.WORD) {
            return DdlInfo.query(currentDatabase, true);
        }
        return switch (first.text().toUpperCase(Locale.ROOT)) {
            case "CREATE" -> CreateDropClassifier.create(cursor, currentDatabase);
            case "DROP" -> CreateDropClassifier.drop(cursor, currentDatabase);
            case "ALTER" -> AlterClassifier.alter(cursor, currentDatabase);
            case "RENAME" -> rename(cursor, currentDatabase);
            case "TRUNCATE" -> truncate(cursor, currentDatabase);
            case "INSERT", "REPLACE", "UPDATE", "DELETE" -> DmlClassifier.dml(first, cursor, currentDatabase);
            default -> DdlInfo.query(currentDatabase, TransactionStatement.of(sql) == TransactionStatement.NONE);
        };
    }

    /** {@code RENAME TABLE[S] [IF EXISTS] a TO b [, c TO d ...]}: the first target; all names touched. */
    private static DdlInfo rename(TokenCursor cursor, String currentDatabase) {
        if (!cursor.acceptAny("TABLE", "TABLES")) {
            return DdlInfo.query(currentDatabase, true);
        }
        List<QualifiedTable> touched = new ArrayList<>();
        QualifiedTable target = null;
        do {
            cursor.skipIfExists();
            QualifiedTable from = cursor.table(currentDatabase);
            QualifiedTable to = cursor.accept("TO") ? cursor.table(currentDatabase) : null;
            if (from == null || to == null) {
                break;
            }
            touched.add(from);
            touched.add(to);
            target = target == null ? to : target;
        } while (cursor.skipPastTopLevelComma());
        return target == null ? DdlInfo.query(currentDatabase, true)
            : DdlInfo.of(EventType.RENAME, target, touched);
    }

    /** {@code TRUNCATE [TABLE] t}. */
    private static DdlInfo truncate(TokenCursor cursor, String currentDatabase) {
        cursor.accept("TABLE");
        QualifiedTable table = cursor.table(currentDatabase);
        return table == null ? DdlInfo.query(currentDatabase, true)
            : DdlInfo.of(EventType.TRUNCATE, table, List.of(table));
    }
}
