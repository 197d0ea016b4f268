package io.collector.server.parser.convert;

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
}
