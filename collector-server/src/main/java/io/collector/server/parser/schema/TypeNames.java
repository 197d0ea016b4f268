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
            case BinlogTypes.TINY -> "tinyint";
            case BinlogTypes.SHORT -> "smallint";
            case BinlogTypes.INT24 -> "mediumint";
            case BinlogTypes.LONG -> "int";
            case BinlogTypes.LONGLONG -> "bigint";
            case BinlogTypes.FLOAT -> "float";
            case BinlogTypes.DOUBLE -> "double";
            case BinlogTypes.DECIMAL, BinlogTypes.NEWDECIMAL -> "decimal";
            case BinlogTypes.YEAR -> "year";
            case BinlogTypes.DATE -> "date";
            case BinlogTypes.TIME, BinlogTypes.TIME2 -> "time";
            case BinlogTypes.DATETIME, BinlogTypes.DATETIME2 -> "datetime";
            case BinlogTypes.TIMESTAMP, BinlogTypes.TIMESTAMP2 -> "timestamp";
            case BinlogTypes.VARCHAR, BinlogTypes.VAR_STRING -> text ? "varchar" : "varbinary";
            case BinlogTypes.STRING -> text ? "char" : "binary";
            case BinlogTypes.ENUM -> "enum";
            case BinlogTypes.SET -> "set";
            case BinlogTypes.BIT -> "bit";
            case BinlogTypes.JSON -> "json";
            case BinlogTypes.GEOMETRY -> "geometry";
            case BinlogTypes.BLOB -> blob(meta, text);
            default -> BinlogTypes.name(real);
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
            case BinlogTypes.TINY, BinlogTypes.SHORT, BinlogTypes.INT24, BinlogTypes.LONG, BinlogTypes.LONGLONG,
                 BinlogTypes.FLOAT, BinlogTypes.DOUBLE -> unsigned ? base + " unsigned" : base;
            case BinlogTypes.NEWDECIMAL -> "decimal(" + (meta >> 8) + "," + (meta & 0xff) + ")" + (unsigned ? " unsigned" : "");
            case BinlogTypes.TIME2, BinlogTypes.DATETIME2, BinlogTypes.TIMESTAMP2 -> meta > 0 ? base + "(" + meta + ")" : base;
            case BinlogTypes.BIT -> "bit(" + ((meta >> 8) * 8 + (meta & 0xff)) + ")";
            case BinlogTypes.YEAR -> "year(4)";
            case BinlogTypes.ENUM, BinlogTypes.SET -> base + labels.stream()
                    .map(l -> "'" + l.replace("'", "''") + "'").collect(Collectors.joining(",", "(", ")"));
            default -> base;
        };
    }
}
