package io.collector.server.parser.schema;

import java.util.Map;
import java.util.Set;

/**
 * MySQL binlog column type codes ({@code enum_field_types}) as they appear in a TABLE_MAP event, and the rule that
 * recovers the real type of CHAR, ENUM and SET columns, which the binlog announces as {@link #STRING}.
 */
public final class ColumnTypes {

    public static final int DECIMAL = 0;
    public static final int TINY = 1;
    public static final int SHORT = 2;
    public static final int LONG = 3;
    public static final int FLOAT = 4;
    public static final int DOUBLE = 5;
    public static final int NULL = 6;
    public static final int TIMESTAMP = 7;
    public static final int LONGLONG = 8;
    public static final int INT24 = 9;
    public static final int DATE = 10;
    public static final int TIME = 11;
    public static final int DATETIME = 12;
    public static final int YEAR = 13;
    public static final int NEWDATE = 14;
    public static final int VARCHAR = 15;
    public static final int BIT = 16;
    public static final int TIMESTAMP2 = 17;
    public static final int DATETIME2 = 18;
    public static final int TIME2 = 19;
    public static final int JSON = 245;
    public static final int NEWDECIMAL = 246;
    public static final int ENUM = 247;
    public static final int SET = 248;
    public static final int TINY_BLOB = 249;
    public static final int MEDIUM_BLOB = 250;
    public static final int LONG_BLOB = 251;
    public static final int BLOB = 252;
    public static final int VAR_STRING = 253;
    public static final int STRING = 254;
    public static final int GEOMETRY = 255;

    private static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private static final Map<Integer, Set<String>> COMPATIBLE = Map.ofEntries(
            Map.entry(DECIMAL, Set.of("decimal")), Map.entry(NEWDECIMAL, Set.of("decimal")),
            Map.entry(TINY, Set.of("tinyint")), Map.entry(SHORT, Set.of("smallint")),
            Map.entry(INT24, Set.of("mediumint")), Map.entry(LONG, Set.of("int")),
            Map.entry(LONGLONG, Set.of("bigint")), Map.entry(FLOAT, Set.of("float")),
            Map.entry(DOUBLE, Set.of("double")), Map.entry(YEAR, Set.of("year")),
            Map.entry(DATE, Set.of("date")), Map.entry(TIME, Set.of("time")), Map.entry(TIME2, Set.of("time")),
            Map.entry(DATETIME, Set.of("datetime")), Map.entry(DATETIME2, Set.of("datetime")),
            Map.entry(TIMESTAMP, Set.of("timestamp")), Map.entry(TIMESTAMP2, Set.of("timestamp")),
            Map.entry(VARCHAR, Set.of("varchar", "varbinary")), Map.entry(VAR_STRING, Set.of("varchar", "varbinary")),
            Map.entry(STRING, Set.of("char", "binary")), Map.entry(ENUM, Set.of("enum")), Map.entry(SET, Set.of("set")),
            Map.entry(BIT, Set.of("bit")), Map.entry(JSON, Set.of("json")),
            Map.entry(BLOB, Set.of("tinyblob", "blob", "mediumblob", "longblob", "tinytext", "text", "mediumtext",
                    "longtext", "json")));

    private ColumnTypes() {
    }

    /**
     * The real type of a column: {@link #ENUM} or {@link #SET} when a {@link #STRING} column's metadata says so,
     * otherwise {@code binlogType} itself.
     *
     * @param binlogType the type byte of the TABLE_MAP event, as an unsigned value
     * @param binlogMeta the column's metadata as the connector's TABLE_MAP deserializer reads it
     *                   (for STRING: real type in the high byte, length in the low byte)
     */
    public static int realType(int binlogType, int binlogMeta) {
        if (binlogType != STRING || binlogMeta < 256) {
            return binlogType;
        }
        int high = binlogMeta >> 8;
        if ((high & 0x30) != 0x30) {
            return STRING;
        }
        return high == ENUM || high == SET ? high : STRING;
    }

    /**
     * The maximum byte length of a CHAR value, or the storage size of an ENUM or SET value, from the metadata of
     * a {@link #STRING} column (including the "long CHAR" encoding that borrows two bits of the high byte).
     */
    public static int stringLength(int binlogMeta) {
        if (binlogMeta < 256) {
            return binlogMeta;
        }
        int high = binlogMeta >> 8;
        int low = binlogMeta & 0xFF;
        if ((high & 0x30) != 0x30) {
            return low | (((high & 0x30) ^ 0x30) << 4);
        }
        return low;
    }

    /** Whether a column of binlog type {@code realType} can hold an {@code information_schema} {@code dataType}. */
    public static boolean compatible(int realType, String dataType) {
        if (realType == GEOMETRY) {
            return GEOMETRY_TYPES.contains(dataType);
        }
        Set<String> allowed = COMPATIBLE.get(realType);
        return allowed != null && allowed.contains(dataType);
    }

    /** Whether FULL metadata counts the column among the numeric ones (signedness bits). */
    public static boolean numeric(int realType) {
        return switch (realType) {
            case TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, DECIMAL, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /**
     * Whether FULL metadata counts the column among the character ones (charset list). GEOMETRY counts: the
     * server stores it as a BLOB with the binary collation.
     */
    public static boolean character(int realType) {
        return switch (realType) {
            case STRING, VARCHAR, VAR_STRING, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY -> true;
            default -> false;
        };
    }

    /** A readable name for a type code, for error messages. */
    public static String name(int type) {
        com.github.shyiko.mysql.binlog.event.deserialization.ColumnType t =
                com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.byCode(type);
        return t == null ? "type#" + type : t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
