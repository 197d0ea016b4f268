package io.collector.server.parser.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Spells a column's type from binlog metadata alone, for the rare column that {@code information_schema}
 * no longer describes (renamed or dropped since the row was written). Display widths and character lengths
 * are not in the binlog, so these spellings are shorter than {@code SHOW CREATE TABLE}'s
 * ({@code int} rather than {@code int(11)}, {@code varchar} without a length).
 */
final class TypeNames {

    private TypeNames() {
    }

    static String dataType(int real, int meta, boolean text) {
        return switch (real) {
            case ColumnTypes.TINY -> "tinyint";
            case ColumnTypes.SHORT -> "smallint";
            case ColumnTypes.INT24 -> "mediumint";
            case ColumnTypes.LONG -> "int";
            case ColumnTypes.LONGLONG -> "bigint";
            case ColumnTypes.FLOAT -> "float";
            case ColumnTypes.DOUBLE -> "double";
            case ColumnTypes.DECIMAL, ColumnTypes.NEWDECIMAL -> "decimal";
            case ColumnTypes.YEAR -> "year";
            case ColumnTypes.DATE -> "date";
            case ColumnTypes.TIME, ColumnTypes.TIME2 -> "time";
            case ColumnTypes.DATETIME, ColumnTypes.DATETIME2 -> "datetime";
            case ColumnTypes.TIMESTAMP, ColumnTypes.TIMESTAMP2 -> "timestamp";
            case ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING -> text ? "varchar" : "varbinary";
            case ColumnTypes.STRING -> text ? "char" : "binary";
            case ColumnTypes.ENUM -> "enum";
            case ColumnTypes.SET -> "set";
            case ColumnTypes.BIT -> "bit";
            case ColumnTypes.JSON -> "json";
            case ColumnTypes.GEOMETRY -> "geometry";
            case ColumnTypes.BLOB -> blob(meta, text);
            default -> ColumnTypes.name(real);
        };
    }

    private static String blob(int lengthBytes, boolean text) {
        String prefix = switch (lengthBytes) {
            case 1 -> "tiny";
            case 3 -> "medium";
            case 4 -> "long";
            default -> "";
        };
        return prefix + (text ? "text" : "blob");
    }

    static String columnType(int real, int meta, boolean unsigned, List<String> labels) {
        String base = dataType(real, meta, true);
        return switch (real) {
            case ColumnTypes.TINY, ColumnTypes.SHORT, ColumnTypes.INT24, ColumnTypes.LONG, ColumnTypes.LONGLONG,
                 ColumnTypes.FLOAT, ColumnTypes.DOUBLE -> unsigned ? base + " unsigned" : base;
            case ColumnTypes.NEWDECIMAL -> "decimal(" + (meta >> 8) + "," + (meta & 0xff) + ")" + (unsigned ? " unsigned" : "");
            case ColumnTypes.TIME2, ColumnTypes.DATETIME2, ColumnTypes.TIMESTAMP2 -> meta > 0 ? base + "(" + meta + ")" : base;
            case ColumnTypes.BIT -> "bit(" + ((meta >> 8) * 8 + (meta & 0xff)) + ")";
            case ColumnTypes.YEAR -> "year(4)";
            case ColumnTypes.ENUM, ColumnTypes.SET -> base + labels.stream()
                    .map(l -> "'" + l.replace("'", "''") + "'").collect(Collectors.joining(",", "(", ")"));
            default -> base;
        };
    }
}
