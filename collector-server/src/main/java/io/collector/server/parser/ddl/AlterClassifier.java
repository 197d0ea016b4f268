package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;

import java.util.List;

/**
 * {@code ALTER [ONLINE|OFFLINE] [IGNORE] TABLE [IF EXISTS] t spec [, spec ...]} for {@link DdlClassifier}. As in
 * Canal the first spec decides: {@code ADD} of an index, key, unique, fulltext, spatial or primary key
 * (optionally after {@code CONSTRAINT [symbol]}) is CINDEX, {@code DROP INDEX|KEY|CONSTRAINT} is DINDEX, others
 * are ALTER; ALGORITHM and LOCK specs are passed over. A {@code RENAME [TO|AS] name} spec anywhere makes it a
 * RENAME to that name.
 */
final class AlterClassifier {

    private AlterClassifier() {
    }

    static DdlInfo alter(TokenCursor cursor, String currentDatabase) {
        cursor.acceptAny("ONLINE", "OFFLINE");
        cursor.accept("IGNORE");
        if (!cursor.accept("TABLE")) {
            return DdlInfo.query(currentDatabase, true);
        }
        cursor.skipIfExists();
        QualifiedTable table = cursor.table(currentDatabase);
        if (table == null) {
            return DdlInfo.query(currentDatabase, true);
        }
        skipMariadbWait(cursor);
        EventType type = null;
        do {
            QualifiedTable renamed = renameTarget(cursor, currentDatabase);
            if (renamed != null) {
                return DdlInfo.of(EventType.RENAME, renamed, List.of(table, renamed));
            }
            type = type == null ? specType(cursor) : type;
        } while (cursor.skipPastTopLevelComma());
        return DdlInfo.of(type == null ? EventType.ALTER : type, table, List.of(table));
    }

    /** The new name if the spec at the cursor is a table rename (not of a column, index or key). */
    private static QualifiedTable renameTarget(TokenCursor cursor, String currentDatabase) {
        if (!cursor.peek().is("RENAME") || isOneOf(cursor.peek(1), "COLUMN", "INDEX", "KEY")) {
            return null;
        }
        cursor.next();
        cursor.acceptAny("TO", "AS");
        return cursor.table(currentDatabase);
    }

    private static void skipMariadbWait(TokenCursor cursor) {
        if (cursor.accept("WAIT")) {
            cursor.next();
        }
        cursor.accept("NOWAIT");
    }

    /** The type a spec gives the statement; null for ALGORITHM and LOCK, which change no definition. */
    private static EventType specType(TokenCursor cursor) {
        if (isOneOf(cursor.peek(), "ALGORITHM", "LOCK")) {
            return null;
        }
        if (cursor.accept("ADD")) {
            if (cursor.accept("CONSTRAINT") && !isOneOf(cursor.peek(), "UNIQUE", "PRIMARY", "FOREIGN", "CHECK")) {
                cursor.next();
            }
            return isOneOf(cursor.peek(), "INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL", "PRIMARY")
                ? EventType.CINDEX : EventType.ALTER;
        }
        if (cursor.accept("DROP")) {
            return isOneOf(cursor.peek(), "INDEX", "KEY", "CONSTRAINT") ? EventType.DINDEX : EventType.ALTER;
        }
        return EventType.ALTER;
    }

    private static boolean isOneOf(SqlToken token, String... keywords) {
        for (String keyword : keywords) {
            if (token.is(keyword)) {
                return true;
            }
        }
        return false;
    }
}
