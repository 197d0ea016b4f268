package io.collector.server.parser.ddl;

import io.collector.server.parser.ddl.SchemaChange.AlterOp;
import io.collector.server.parser.ddl.SchemaChange.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The specs of {@code ALTER TABLE t spec [, spec ...]}: ADD / DROP / MODIFY / CHANGE / RENAME COLUMN with FIRST /
 * AFTER and MariaDB's IF [NOT] EXISTS, ADD / DROP PRIMARY KEY, the table's default charset, RENAME TO. Index,
 * constraint, partition and table-option specs change no column and are passed over; any other spec (CONVERT
 * TO CHARACTER SET, system versioning, ...) makes the statement {@link SchemaChange.Unknown}.
 */
final class AlterSpecParser {

    /** Table options: a word, an optional {@code =} and one value (a parenthesized list for UNION). */
    private static final Set<String> TABLE_OPTIONS = Set.of("ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH",
            "CHECKSUM", "TABLE_CHECKSUM", "COMMENT", "COMPRESSION", "CONNECTION", "DATA", "INDEX", "DELAY_KEY_WRITE",
            "ENCRYPTION", "ENCRYPTED", "ENCRYPTION_KEY_ID", "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS",
            "PACK_KEYS", "PASSWORD", "ROW_FORMAT", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES",
            "TABLESPACE", "UNION", "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL",
            "IETF_QUOTES", "ALGORITHM", "LOCK", "SECONDARY_ENGINE", "SECONDARY_ENGINE_ATTRIBUTE", "ENGINE_ATTRIBUTE",
            "AUTOEXTEND_SIZE", "STORAGE");
    /** First words of other specs that change no column definition; they run to the next top-level comma. */
    private static final Set<String> OTHER_NO_COLUMN_CHANGE = Set.of("FORCE", "ORDER", "ENABLE", "DISABLE",
            "DISCARD", "IMPORT", "PARTITION", "COALESCE", "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE",
            "REBUILD", "REPAIR", "REMOVE", "TRUNCATE", "WITH", "WITHOUT", "SECONDARY_LOAD", "SECONDARY_UNLOAD");
    /** What may follow ADD or DROP when the spec is about an index, key, constraint or partition. */
    private static final Set<String> KEY_WORDS = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL", "FOREIGN",
            "CHECK", "CONSTRAINT", "PARTITION", "PERIOD");

    private final TokenCursor cursor;
    private final QualifiedTable table;
    private final String currentDatabase;
    private final List<AlterOp> ops = new ArrayList<>();
    private String unknown;

    private AlterSpecParser(TokenCursor cursor, QualifiedTable table, String currentDatabase) {
        this.cursor = cursor;
        this.table = table;
        this.currentDatabase = currentDatabase;
    }

    static SchemaChange parse(TokenCursor cursor, QualifiedTable table, String currentDatabase) {
        SchemaDdlParser.skipWait(cursor);
        return new AlterSpecParser(cursor, table, currentDatabase).specs();
    }

    private SchemaChange specs() {
        // table options may follow each other without commas
        while (!cursor.peek().isEnd() && unknown == null) {
            spec();
            cursor.acceptSymbol(',');
        }
        return unknown != null ? new SchemaChange.Unknown(table, unknown) : new SchemaChange.AlterTable(table, ops);
    }

    private void spec() {
        SqlToken t = cursor.next();
        if (t.is("ADD")) {
            add();
        } else if (t.is("DROP")) {
            drop();
        } else if (t.is("MODIFY") || t.is("CHANGE")) {
            replace(t.is("CHANGE"));
        } else if (t.is("RENAME")) {
            rename();
        } else if (t.is("ALTER")) {
            skipSpec();
        } else if (t.is("DEFAULT") || t.is("CHARSET") || t.is("CHARACTER") || t.is("COLLATE")) {
            charset(t);
        } else if (isOneOf(t, TABLE_OPTIONS)) {
            tableOption();
        } else if (isOneOf(t, OTHER_NO_COLUMN_CHANGE)) {
            skipSpec();
        } else {
            unknown = "unsupported ALTER TABLE spec starting with '" + t.text() + "'";
        }
    }

    private void add() {
        if (cursor.accept("CONSTRAINT") && !isKeyWord(cursor.peek()) && !cursor.peek().is("PRIMARY")) {
            cursor.next();
        }
        if (cursor.accept("PRIMARY")) {
            ops.add(new SchemaChange.AddPrimaryKey(CreateTableParser.keyColumns(cursor)));
        } else if (isKeyWord(cursor.peek())) {
            skipSpec();
        } else if (cursor.peek().is("SYSTEM")) {
            unknown = "ADD SYSTEM VERSIONING adds invisible columns";
        } else {
            cursor.accept("COLUMN");
            boolean conditional = cursor.accept("IF", "NOT", "EXISTS");
            if (cursor.acceptSymbol('(')) {
                addColumnList(conditional);
            } else {
                ColumnDef column = column();
                if (column != null) {
                    ops.add(new SchemaChange.AddColumn(column, placement(), conditional));
                }
            }
        }
    }

    private void addColumnList(boolean conditional) {
        do {
            if (isKeyWord(cursor.peek()) || cursor.peek().is("PRIMARY")) {
                unknown = "a key inside ADD (...)";
                return;
            }
            ColumnDef column = column();
            if (column == null) {
                return;
            }
            ops.add(new SchemaChange.AddColumn(column, Placement.KEEP, conditional));
        } while (cursor.acceptSymbol(','));
        if (!cursor.acceptSymbol(')')) {
            unknown = "unterminated ADD (...) column list";
        }
    }

    private void drop() {
        if (cursor.accept("PRIMARY", "KEY")) {
            ops.add(new SchemaChange.DropPrimaryKey());
        } else if (isKeyWord(cursor.peek()) && !cursor.peek(1).isSymbol(',') && !cursor.peek(1).isEnd()) {
            skipSpec();
        } else if (cursor.peek().is("SYSTEM")) {
            unknown = "DROP SYSTEM VERSIONING removes invisible columns";
        } else {
            cursor.accept("COLUMN");
            boolean conditional = cursor.accept("IF", "EXISTS");
            if (!cursor.peek().isName()) {
                unknown = "DROP without a column name";
                return;
            }
            ops.add(new SchemaChange.DropColumn(cursor.next().text(), conditional));
            cursor.acceptAny("RESTRICT", "CASCADE");
        }
    }

    private void replace(boolean change) {
        cursor.accept("COLUMN");
        boolean conditional = cursor.accept("IF", "EXISTS");
        String oldName = null;
        if (change) {
            oldName = cursor.peek().isName() ? cursor.next().text() : null;
        }
        ColumnDef column = column();
        if (column != null) {
            ops.add(new SchemaChange.ReplaceColumn(change ? oldName : column.name(), column, placement(), conditional));
        }
    }

    private void rename() {
        if (cursor.accept("COLUMN")) {
            boolean conditional = cursor.accept("IF", "EXISTS");
            SqlToken from = cursor.next();
            SqlToken to = cursor.accept("TO") ? cursor.next() : SqlToken.END;
            if (!from.isName() || !to.isName()) {
                unknown = "cannot read RENAME COLUMN";
                return;
            }
            ops.add(new SchemaChange.RenameColumn(from.text(), to.text(), conditional));
        } else if (cursor.acceptAny("INDEX", "KEY")) {
            skipSpec();
        } else {
            cursor.acceptAny("TO", "AS");
            QualifiedTable to = cursor.table(currentDatabase);
            if (to == null) {
                unknown = "RENAME without a table name";
                return;
            }
            ops.add(new SchemaChange.RenameTo(to));
        }
    }

    /** {@code [DEFAULT] {CHARACTER SET | CHARSET} [=] x [COLLATE [=] y]} or {@code [DEFAULT] COLLATE [=] y}. */
    private void charset(SqlToken first) {
        SqlToken t = first.is("DEFAULT") ? cursor.next() : first;
        String charset = null;
        String collation = null;
        if (t.is("CHARSET") || t.is("CHARACTER") && cursor.accept("SET")) {
            cursor.acceptSymbol('=');
            charset = ColumnDefParser.lower(cursor.next());
            if (cursor.accept("COLLATE")) {
                cursor.acceptSymbol('=');
                collation = ColumnDefParser.lower(cursor.next());
            }
        } else if (t.is("COLLATE")) {
            cursor.acceptSymbol('=');
            collation = ColumnDefParser.lower(cursor.next());
        } else {
            unknown = "unsupported ALTER TABLE spec DEFAULT " + t.text();
            return;
        }
        ops.add(new SchemaChange.TableCharset(charset, collation));
    }

    private ColumnDef column() {
        ColumnDef column = ColumnDefParser.parse(cursor);
        if (column == null) {
            unknown = "cannot read the column definition at '" + cursor.peek().text() + "'";
        }
        return column;
    }

    private Placement placement() {
        if (cursor.accept("FIRST")) {
            return new Placement(true, null);
        }
        if (cursor.accept("AFTER") && cursor.peek().isName()) {
            return new Placement(false, cursor.next().text());
        }
        return Placement.KEEP;
    }

    private void tableOption() {
        cursor.accept("DIRECTORY");
        cursor.acceptSymbol('=');
        if (cursor.acceptSymbol('(')) {
            SqlToken t;
            do {
                t = cursor.next();
            } while (!t.isEnd() && !t.isSymbol(')'));
        } else {
            cursor.next();
        }
    }

    private void skipSpec() {
        CreateTableParser.skipElement(cursor);
    }

    private static boolean isKeyWord(SqlToken t) {
        return isOneOf(t, KEY_WORDS);
    }

    private static boolean isOneOf(SqlToken t, Set<String> words) {
        return t.kind() == SqlToken.Kind.WORD && words.contains(t.text().toUpperCase(Locale.ROOT));
    }
}
