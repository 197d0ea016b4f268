package io.collector.server.parser.ddl;

import java.util.List;

/**
 * A column definition as a DDL statement writes it, before it is spelled as {@code information_schema} would.
 *
 * @param name       column name, without quotes
 * @param type       lower-case type as written, several words joined by one space ({@code int},
 *                   {@code double precision}, {@code character varying})
 * @param args       the numbers in the type's parentheses ({@code ["10", "2"]} for {@code decimal(10,2)}), empty
 *                   when none; ENUM and SET keep their labels in {@code labels} instead
 * @param labels     ENUM or SET labels in declaration order, empty for other types
 * @param unsigned   UNSIGNED or ZEROFILL was given
 * @param zerofill   ZEROFILL was given
 * @param charset    the CHARACTER SET given on the column (lower-case), null when none
 * @param collation  the COLLATE given on the column (lower-case), null when none
 * @param primaryKey the column definition itself says PRIMARY KEY (or KEY)
 */
public record ColumnDef(String name, String type, List<String> args, List<String> labels, boolean unsigned,
                        boolean zerofill, String charset, String collation, boolean primaryKey) {

    public ColumnDef {
        args = List.copyOf(args);
        labels = List.copyOf(labels);
    }

    /** The same definition under another name. */
    public ColumnDef named(String newName) {
        return new ColumnDef(newName, type, args, labels, unsigned, zerofill, charset, collation, primaryKey);
    }
}
