package io.collector.server.parser.ddl;

import java.util.List;

/**
 * What a DDL statement does to table definitions, as {@link SchemaDdlParser} reads it. A statement that changes
 * no column (an index, a view, a grant, DML) is {@link None}; a form the parser does not know is
 * {@link Unknown}, never a guess.
 */
public sealed interface SchemaChange {

    /** Changes no table definition. */
    record None() implements SchemaChange {
    }

    /** A statement on a table (or an unknown target) that the parser cannot apply. */
    record Unknown(QualifiedTable table, String reason) implements SchemaChange {
    }

    /**
     * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS]} with its column list.
     *
     * @param primaryKey columns of a table-level PRIMARY KEY, empty when none
     * @param charset    the table's default character set, null when not given
     * @param collation  the table's default collation, null when not given
     */
    record CreateTable(QualifiedTable table, List<ColumnDef> columns, List<String> primaryKey, String charset,
                       String collation, boolean ifNotExists) implements SchemaChange {

        public CreateTable {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }
    }

    /** {@code CREATE TABLE t LIKE source}. */
    record CreateLike(QualifiedTable table, QualifiedTable source, boolean ifNotExists) implements SchemaChange {
    }

    /** {@code ALTER TABLE t spec, ...}: the specs that change definitions, in order. */
    record AlterTable(QualifiedTable table, List<AlterOp> ops) implements SchemaChange {

        public AlterTable {
            ops = List.copyOf(ops);
        }
    }

    /** {@code RENAME TABLE a TO b, c TO d}: applied pair by pair. */
    record RenameTables(List<QualifiedTable> from, List<QualifiedTable> to) implements SchemaChange {

        public RenameTables {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** {@code DROP TABLE a, b}. */
    record DropTables(List<QualifiedTable> tables) implements SchemaChange {

        public DropTables {
            tables = List.copyOf(tables);
        }
    }

    /** {@code CREATE DATABASE} / {@code ALTER DATABASE}: a database and its default character set (or null). */
    record Database(String name, String charset, String collation, boolean created) implements SchemaChange {
    }

    /** {@code DROP DATABASE}. */
    record DropDatabase(String name) implements SchemaChange {
    }

    /** Where an added, modified or changed column goes: first, after a column, or (both null/false) unchanged. */
    record Placement(boolean first, String after) {

        public static final Placement KEEP = new Placement(false, null);
    }

    /** One definition-changing spec of an ALTER TABLE. */
    sealed interface AlterOp {
    }

    /** ADD COLUMN; {@code conditional} for MariaDB's IF NOT EXISTS. */
    record AddColumn(ColumnDef column, Placement placement, boolean conditional) implements AlterOp {
    }

    /** DROP COLUMN; {@code conditional} for MariaDB's IF EXISTS. */
    record DropColumn(String name, boolean conditional) implements AlterOp {
    }

    /** MODIFY (then {@code oldName} is the column's own name) or CHANGE; {@code conditional} for IF EXISTS. */
    record ReplaceColumn(String oldName, ColumnDef column, Placement placement, boolean conditional)
            implements AlterOp {
    }

    /** RENAME COLUMN; {@code conditional} for MariaDB's IF EXISTS. */
    record RenameColumn(String from, String to, boolean conditional) implements AlterOp {
    }

    record AddPrimaryKey(List<String> columns) implements AlterOp {

        public AddPrimaryKey {
            columns = List.copyOf(columns);
        }
    }

    record DropPrimaryKey() implements AlterOp {
    }

    /** {@code [DEFAULT] CHARACTER SET x [COLLATE y]}: the default for columns added later. */
    record TableCharset(String charset, String collation) implements AlterOp {
    }

    /** {@code RENAME [TO|AS] t}. */
    record RenameTo(QualifiedTable table) implements AlterOp {
    }
}
