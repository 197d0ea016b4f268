package io.collector.server.parser.schema.history;

import io.collector.server.parser.ddl.ColumnDef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spells a DDL column definition as the source's {@code information_schema.COLUMNS} does ({@code DATA_TYPE},
 * {@code COLUMN_TYPE}): type aliases resolved, default lengths and display widths filled in. Returns null for a
 * type it does not know, which the caller reports instead of guessing.
 */
final class TypeSpelling {

    /** The spelled type. */
    record Spelled(String dataType, String columnType, boolean unsigned, boolean text) {
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("integer", "int"), Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"),
            Map.entry("int3", "mediumint"), Map.entry("int4", "int"), Map.entry("int8", "bigint"),
            Map.entry("middleint", "mediumint"), Map.entry("dec", "decimal"), Map.entry("numeric", "decimal"),
            Map.entry("fixed", "decimal"), Map.entry("real", "double"), Map.entry("double precision", "double"),
            Map.entry("float4", "float"), Map.entry("float8", "double"),
            Map.entry("character", "char"), Map.entry("nchar", "char"), Map.entry("national char", "char"),
            Map.entry("national character", "char"), Map.entry("char byte", "binary"),
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("nvarchar", "varchar"), Map.entry("national varchar", "varchar"),
            Map.entry("nchar varchar", "varchar"), Map.entry("nchar varying", "varchar"),
            Map.entry("long", "mediumtext"), Map.entry("long varchar", "mediumtext"),
            Map.entry("long char", "mediumtext"), Map.entry("long varbinary", "mediumblob"),
            Map.entry("geomcollection", "geometrycollection"));
    private static final Map<String, int[]> INT_WIDTHS = Map.of("tinyint", new int[] {4, 3},
            "smallint", new int[] {6, 5}, "mediumint", new int[] {9, 8}, "int", new int[] {11, 10},
            "bigint", new int[] {20, 20});
    private static final Set<String> PLAIN = Set.of("date", "tinytext", "mediumtext", "longtext", "tinyblob",
            "mediumblob", "longblob", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection");
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set");

    private TypeSpelling() {
    }

    /**
     * @param charset the column's character set as resolved by the caller (for text lengths and binary types)
     */
    static Spelled spell(ColumnDef c, ServerFlavor flavor, String charset) {
        String type = ALIASES.getOrDefault(c.type(), c.type());
        if (type.equals("bool") || type.equals("boolean")) {
            return new Spelled("tinyint", "tinyint(1)", false, false);
        }
        if (type.equals("serial")) {
            return new Spelled("bigint", flavor.displayWidths() ? "bigint(20) unsigned" : "bigint unsigned", true, false);
        }
        if ("binary".equals(charset)) {
            type = binaryForm(type);
        }
        String columnType;
        try {
            columnType = columnType(type, c, flavor, charset);
        } catch (NumberFormatException e) {
            // a length or precision that is not a number: not a form we know
            return null;
        }
        if (columnType == null) {
            return null;
        }
        String dataType = columnType.replaceFirst("[( ].*", "");
        return new Spelled(dataType, columnType, c.unsigned() && numeric(type), TEXT.contains(dataType)
                || flavor.mariadb() && dataType.equals("longtext") && type.equals("json"));
    }

    private static String binaryForm(String type) {
        return switch (type) {
            case "char" -> "binary";
            case "varchar" -> "varbinary";
            case "tinytext", "text", "mediumtext", "longtext" -> type.replace("text", "blob");
            default -> type;
        };
    }

    private static String columnType(String type, ColumnDef c, ServerFlavor flavor, String charset) {
        if (INT_WIDTHS.containsKey(type)) {
            return integer(type, c, flavor);
        }
        return switch (type) {
            case "decimal" -> "decimal(" + arg(c, 0, "10") + "," + arg(c, 1, "0") + ")" + sign(c);
            case "float" -> floating(c);
            case "double" -> (c.args().size() == 2 ? "double(" + c.args().get(0) + "," + c.args().get(1) + ")"
                    : "double") + sign(c);
            case "bit" -> "bit(" + arg(c, 0, "1") + ")";
            case "char", "binary" -> type + "(" + arg(c, 0, "1") + ")";
            case "varchar", "varbinary" -> c.args().isEmpty() ? null : type + "(" + c.args().get(0) + ")";
            case "text", "blob" -> c.args().isEmpty() ? type : sized(type, c, charset);
            case "enum", "set" -> type + c.labels().stream().map(l -> "'" + l.replace("'", "''") + "'")
                    .collect(Collectors.joining(",", "(", ")"));
            case "time", "datetime", "timestamp" -> c.args().isEmpty() || c.args().get(0).equals("0") ? type
                    : type + "(" + c.args().get(0) + ")";
            case "year" -> flavor.displayWidths() ? "year(4)" : "year";
            case "json" -> flavor.mariadb() ? "longtext" : "json";
            default -> PLAIN.contains(type) ? type : null;
        };
    }

    private static String integer(String type, ColumnDef c, ServerFlavor flavor) {
        String suffix = sign(c);
        boolean keepWidth = flavor.displayWidths() || c.zerofill()
                || type.equals("tinyint") && c.args().size() == 1 && c.args().get(0).equals("1");
        if (!keepWidth) {
            return type + suffix;
        }
        int defaultWidth = INT_WIDTHS.get(type)[c.unsigned() ? 1 : 0];
        return type + "(" + arg(c, 0, Integer.toString(defaultWidth)) + ")" + suffix;
    }

    private static String floating(ColumnDef c) {
        if (c.args().size() == 1) {
            return (Integer.parseInt(c.args().get(0)) > 24 ? "double" : "float") + sign(c);
        }
        return (c.args().size() == 2 ? "float(" + c.args().get(0) + "," + c.args().get(1) + ")" : "float") + sign(c);
    }

    /** {@code TEXT(n)} / {@code BLOB(n)}: the smallest type that holds n characters (bytes for BLOB). */
    private static String sized(String type, ColumnDef c, String charset) {
        long bytes = Long.parseLong(c.args().get(0)) * (type.equals("blob") ? 1 : maxBytesPerChar(charset));
        String prefix = bytes < 256 ? "tiny" : bytes < 65536 ? "" : bytes < 16_777_216 ? "medium" : "long";
        return prefix + type;
    }

    private static int maxBytesPerChar(String charset) {
        if (charset == null) {
            return 1;
        }
        return switch (charset) {
            case "utf8mb4", "utf16", "utf16le", "utf32", "gb18030" -> 4;
            case "utf8", "utf8mb3", "ujis", "eucjpms" -> 3;
            case "ucs2", "gbk", "gb2312", "big5", "sjis", "cp932", "euckr" -> 2;
            default -> 1;
        };
    }

    private static String arg(ColumnDef c, int index, String otherwise) {
        return c.args().size() > index ? c.args().get(index) : otherwise;
    }

    private static String sign(ColumnDef c) {
        return c.zerofill() ? " unsigned zerofill" : c.unsigned() ? " unsigned" : "";
    }

    private static boolean numeric(String type) {
        return INT_WIDTHS.containsKey(type) || type.equals("decimal") || type.equals("float")
                || type.equals("double");
    }

}
