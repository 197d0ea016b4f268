package io.collector.server.parser.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code CREATE TABLE} after the table name: {@code LIKE source}, or the parenthesized list of
 * column definitions and keys followed by table options. A {@code SELECT} (column types decided by a query)
 * is {@link SchemaChange.Unknown}.
 */
final class CreateTableParser {

    private final TokenCursor cursor;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();

    private CreateTableParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    static SchemaChange parse(TokenCursor cursor, QualifiedTable table, boolean ifNotExists, String currentDatabase) {
        boolean paren = cursor.peek().isSymbol('(') && cursor.peek(1).is("LIKE");
        if (paren) {
            cursor.next();
        }
        if (cursor.accept("LIKE")) {
            QualifiedTable source = cursor.table(currentDatabase);
            return source == null ? new SchemaChange.Unknown(table, "CREATE TABLE ... LIKE without a source")
                    : new SchemaChange.CreateLike(table, source, ifNotExists);
        }
        if (!cursor.acceptSymbol('(')) {
            return new SchemaChange.Unknown(table, "CREATE TABLE without a column list");
        }
        return new CreateTableParser(cursor).definitions(table, ifNotExists);
    }

    private SchemaChange definitions(QualifiedTable table, boolean ifNotExists) {
        do {
            if (!element()) {
                return new SchemaChange.Unknown(table, "cannot read the definition before '" + cursor.peek().text() + "'");
            }
        } while (cursor.acceptSymbol(','));
        if (!cursor.acceptSymbol(')')) {
            return new SchemaChange.Unknown(table, "unexpected '" + cursor.peek().text() + "' in the column list");
        }
        String[] charset = new String[2];
        if (!tableOptions(charset)) {
            return new SchemaChange.Unknown(table, "CREATE TABLE ... SELECT");
        }
        return new SchemaChange.CreateTable(table, columns, primaryKey, charset[0], charset[1], ifNotExists);
    }

    /** One column or key definition; false when it is neither. */
    private boolean element() {
        SqlToken t = cursor.peek();
        if (t.is("CONSTRAINT")) {
            cursor.next();
            if (!cursor.peek().is("PRIMARY") && !cursor.peek().is("UNIQUE") && !cursor.peek().is("FOREIGN")
                    && !cursor.peek().is("CHECK")) {
                cursor.next();
            }
            t = cursor.peek();
        }
        if (t.is("PRIMARY")) {
            cursor.next();
            primaryKey.addAll(keyColumns(cursor));
            return true;
        }
        if (t.is("KEY") || t.is("INDEX") || t.is("UNIQUE") || t.is("FULLTEXT") || t.is("SPATIAL")
                || t.is("FOREIGN") || t.is("CHECK") || t.is("PERIOD") && cursor.peek(1).is("FOR")) {
            skipElement(cursor);
            return true;
        }
        ColumnDef column = ColumnDefParser.parse(cursor);
        if (column == null) {
            return false;
        }
        columns.add(column);
        if (column.primaryKey()) {
            primaryKey.add(column.name());
        }
        return true;
    }

    /**
     * {@code [KEY] [index_type] (a, b(10) DESC, ...) [options]}: the column names; the cursor ends before the
     * {@code ,} or {@code )} that ends the definition.
     */
    static List<String> keyColumns(TokenCursor cursor) {
        List<String> names = new ArrayList<>();
        while (!cursor.peek().isSymbol('(') && !cursor.peek().isEnd()) {
            cursor.next();
        }
        cursor.acceptSymbol('(');
        boolean expectName = true;
        int depth = 0;
        for (SqlToken t = cursor.next(); !t.isEnd() && !(depth == 0 && t.isSymbol(')')); t = cursor.next()) {
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.isSymbol(',')) {
                expectName = true;
            } else if (depth == 0 && expectName && t.isName()) {
                names.add(t.text());
                expectName = false;
            }
        }
        skipElement(cursor);
        return names;
    }

    /** Skips to the {@code ,} or {@code )} at depth 0 that ends a definition, without consuming it. */
    static void skipElement(TokenCursor cursor) {
        int depth = 0;
        for (SqlToken t = cursor.peek(); !t.isEnd(); t = cursor.peek()) {
            if (depth == 0 && (t.isSymbol(',') || t.isSymbol(')'))) {
                return;
            }
            cursor.next();
            depth += t.isSymbol('(') ? 1 : t.isSymbol(')') ? -1 : 0;
        }
    }

    /** Reads the default charset and collation into {@code charset}; false when a SELECT follows. */
    private boolean tableOptions(String[] charset) {
        int depth = 0;
        for (SqlToken t = cursor.next(); !t.isEnd(); t = cursor.next()) {
            depth += t.isSymbol('(') ? 1 : t.isSymbol(')') ? -1 : 0;
            if (depth > 0) {
                continue;
            }
            if (t.is("SELECT") || t.is("AS") || t.is("WITH") || t.is("VALUES") || t.is("TABLE")) {
                return false;
            }
            if (t.is("CHARSET") || t.is("CHARACTER") && cursor.accept("SET")) {
                cursor.acceptSymbol('=');
                charset[0] = ColumnDefParser.lower(cursor.next());
            } else if (t.is("COLLATE")) {
                cursor.acceptSymbol('=');
                charset[1] = ColumnDefParser.lower(cursor.next());
            }
        }
        return true;
    }
}
