package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;

import java.util.ArrayList;
import java.util.List;

/** CREATE and DROP statements for {@link DdlClassifier}; the leading CREATE or DROP is already consumed. */
final class CreateDropClassifier {

    private CreateDropClassifier() {
    }

    /**
     * {@code CREATE [OR REPLACE] [TEMPORARY] TABLE}, {@code CREATE [OR REPLACE] [ONLINE|OFFLINE]
     * [UNIQUE|FULLTEXT|SPATIAL] INDEX ... ON t}, {@code CREATE DATABASE|SCHEMA}; anything else is a QUERY.
     */
    static DdlInfo create(TokenCursor cursor, String currentDatabase) {
        cursor.accept("OR", "REPLACE");
        cursor.acceptAny("TEMPORARY", "ONLINE", "OFFLINE");
        cursor.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
        if (cursor.accept("TABLE")) {
            cursor.skipIfNotExists();
            return withTable(EventType.CREATE, cursor.table(currentDatabase), currentDatabase);
        }
        if (cursor.accept("INDEX")) {
            return indexOn(EventType.CINDEX, cursor, currentDatabase);
        }
        if (cursor.acceptAny("DATABASE", "SCHEMA")) {
            cursor.skipIfNotExists();
            return database(cursor, currentDatabase, false);
        }
        return DdlInfo.query(currentDatabase, true);
    }

    /**
     * {@code DROP [TEMPORARY] TABLE[S] [IF EXISTS] a [, b ...]} (the first table; all touched),
     * {@code DROP INDEX ... ON t}, {@code DROP DATABASE|SCHEMA}; anything else is a QUERY.
     */
    static DdlInfo drop(TokenCursor cursor, String currentDatabase) {
        cursor.accept("TEMPORARY");
        if (cursor.acceptAny("TABLE", "TABLES")) {
            cursor.skipIfExists();
            return dropTables(cursor, currentDatabase);
        }
        if (cursor.accept("INDEX")) {
            return indexOn(EventType.DINDEX, cursor, currentDatabase);
        }
        if (cursor.acceptAny("DATABASE", "SCHEMA")) {
            cursor.skipIfExists();
            return database(cursor, currentDatabase, true);
        }
        return DdlInfo.query(currentDatabase, true);
    }

    private static DdlInfo dropTables(TokenCursor cursor, String currentDatabase) {
        List<QualifiedTable> tables = new ArrayList<>();
        QualifiedTable table = cursor.table(currentDatabase);
        while (table != null) {
            tables.add(table);
            table = cursor.acceptSymbol(',') ? cursor.table(currentDatabase) : null;
        }
        return tables.isEmpty() ? DdlInfo.query(currentDatabase, true)
            : DdlInfo.of(EventType.ERASE, tables.get(0), tables);
    }

    /** The table after the {@code ON} of an index statement. */
    private static DdlInfo indexOn(EventType type, TokenCursor cursor, String currentDatabase) {
        if (!cursor.skipPastKeyword("ON")) {
            return DdlInfo.query(currentDatabase, true);
        }
        return withTable(type, cursor.table(currentDatabase), currentDatabase);
    }

    private static DdlInfo database(TokenCursor cursor, String currentDatabase, boolean dropped) {
        SqlToken name = cursor.peek();
        if (!name.isName()) {
            return DdlInfo.query(currentDatabase, true);
        }
        String database = cursor.next().text();
        List<QualifiedTable> touched = dropped ? List.of(QualifiedTable.wholeSchema(database)) : List.of();
        return new DdlInfo(EventType.QUERY, database, null, touched, true);
    }

    private static DdlInfo withTable(EventType type, QualifiedTable table, String currentDatabase) {
        return table == null ? DdlInfo.query(currentDatabase, true) : DdlInfo.of(type, table, List.of(table));
    }
}
