package io.collector.server.parser.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what a DDL statement does to table and database definitions (MySQL 5.7/8.x and MariaDB 10.x/11.x
 * syntax), for the schema history: CREATE TABLE (column list or LIKE), ALTER TABLE (see {@link AlterSpecParser}),
 * RENAME TABLE, DROP TABLE, CREATE / ALTER / DROP DATABASE. Statements that change no column definition
 * (indexes, views, routines, grants, TRUNCATE, DML, temporary tables) are {@link SchemaChange.None}; forms it does
 * not understand are {@link SchemaChange.Unknown} with the reason. Stateless and thread-safe.
 */
public final class SchemaDdlParser {

    private SchemaDdlParser() {
    }

    /**
     * @param sql             the statement of the query event
     * @param currentDatabase the event's current database, the schema of unqualified names (may be null or empty)
     */
    public static SchemaChange parse(String sql, String currentDatabase) {
        TokenCursor cursor = new TokenCursor(sql);
        SqlToken first = cursor.next();
        if (first.kind() != SqlToken.Kind.WORD) {
            return new SchemaChange.None();
        }
        return switch (first.text().toUpperCase(Locale.ROOT)) {
            case "CREATE" -> create(cursor, currentDatabase);
            case "ALTER" -> alter(cursor, currentDatabase);
            case "DROP" -> drop(cursor, currentDatabase);
            case "RENAME" -> rename(cursor, currentDatabase);
            default -> new SchemaChange.None();
        };
    }

    private static SchemaChange create(TokenCursor cursor, String currentDatabase) {
        cursor.accept("OR", "REPLACE");
        if (cursor.accept("TEMPORARY")) {
            return new SchemaChange.None();
        }
        if (cursor.accept("TABLE")) {
            boolean ifNotExists = cursor.accept("IF", "NOT", "EXISTS");
            QualifiedTable table = cursor.table(currentDatabase);
            return table == null ? new SchemaChange.Unknown(null, "no table name")
                    : CreateTableParser.parse(cursor, table, ifNotExists, currentDatabase);
        }
        if (cursor.acceptAny("DATABASE", "SCHEMA")) {
            cursor.skipIfNotExists();
            return database(cursor, cursor.peek().isName() ? cursor.next().text() : null, true);
        }
        return new SchemaChange.None();
    }

    private static SchemaChange alter(TokenCursor cursor, String currentDatabase) {
        if (cursor.acceptAny("DATABASE", "SCHEMA")) {
            boolean named = cursor.peek().isName() && !isDatabaseOption(cursor.peek());
            return database(cursor, named ? cursor.next().text() : currentDatabase, false);
        }
        cursor.acceptAny("ONLINE", "OFFLINE");
        cursor.accept("IGNORE");
        if (!cursor.accept("TABLE")) {
            return new SchemaChange.None();
        }
        cursor.skipIfExists();
        QualifiedTable table = cursor.table(currentDatabase);
        return table == null ? new SchemaChange.Unknown(null, "no table name")
                : AlterSpecParser.parse(cursor, table, currentDatabase);
    }

    private static boolean isDatabaseOption(SqlToken t) {
        return t.is("DEFAULT") || t.is("CHARACTER") || t.is("CHARSET") || t.is("COLLATE") || t.is("ENCRYPTION")
                || t.is("READ") || t.is("COMMENT") || t.is("UPGRADE");
    }

    /** The database name (null: none given) and its [DEFAULT] CHARACTER SET / COLLATE options. */
    private static SchemaChange database(TokenCursor cursor, String name, boolean created) {
        if (name == null) {
            return new SchemaChange.Unknown(null, "no database name");
        }
        String charset = null;
        String collation = null;
        for (SqlToken t = cursor.next(); !t.isEnd(); t = cursor.next()) {
            if (t.is("CHARSET") || t.is("CHARACTER") && cursor.accept("SET")) {
                cursor.acceptSymbol('=');
                charset = ColumnDefParser.lower(cursor.next());
            } else if (t.is("COLLATE")) {
                cursor.acceptSymbol('=');
                collation = ColumnDefParser.lower(cursor.next());
            }
        }
        return new SchemaChange.Database(name, charset, collation, created);
    }

    private static SchemaChange drop(TokenCursor cursor, String currentDatabase) {
        if (cursor.accept("TEMPORARY")) {
            return new SchemaChange.None();
        }
        if (cursor.acceptAny("TABLE", "TABLES")) {
            cursor.skipIfExists();
            List<QualifiedTable> tables = new ArrayList<>();
            for (QualifiedTable t = cursor.table(currentDatabase); t != null;
                 t = cursor.acceptSymbol(',') ? cursor.table(currentDatabase) : null) {
                tables.add(t);
            }
            return tables.isEmpty() ? new SchemaChange.Unknown(null, "no table name")
                    : new SchemaChange.DropTables(tables);
        }
        if (cursor.acceptAny("DATABASE", "SCHEMA")) {
            cursor.skipIfExists();
            return cursor.peek().isName() ? new SchemaChange.DropDatabase(cursor.next().text())
                    : new SchemaChange.Unknown(null, "no database name");
        }
        return new SchemaChange.None();
    }

    /** MariaDB's {@code WAIT n} / {@code NOWAIT}. */
    static void skipWait(TokenCursor cursor) {
        if (cursor.accept("WAIT")) {
            cursor.next();
        }
        cursor.accept("NOWAIT");
    }

    private static SchemaChange rename(TokenCursor cursor, String currentDatabase) {
        if (!cursor.acceptAny("TABLE", "TABLES")) {
            return new SchemaChange.None();
        }
        cursor.skipIfExists();
        List<QualifiedTable> from = new ArrayList<>();
        List<QualifiedTable> to = new ArrayList<>();
        do {
            QualifiedTable a = cursor.table(currentDatabase);
            skipWait(cursor);
            QualifiedTable b = a != null && cursor.accept("TO") ? cursor.table(currentDatabase) : null;
            if (b == null) {
                return new SchemaChange.Unknown(a, "cannot read the RENAME TABLE pairs");
            }
            from.add(a);
            to.add(b);
        } while (cursor.acceptSymbol(','));
        return new SchemaChange.RenameTables(from, to);
    }
}
