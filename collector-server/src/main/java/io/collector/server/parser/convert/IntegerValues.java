package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import java.sql.Types;

/**
 * Canal's integer values: the stored (signed) value, or for an UNSIGNED column whose stored value is negative
 * the value plus 2^bits, reported with the next wider sqlType (TINYINT→SMALLINT, SMALLINT→INTEGER,
 * MEDIUMINT→INTEGER, INT→BIGINT, BIGINT→DECIMAL).
 */
final class IntegerValues {

    private IntegerValues() {
    }

    static Value of(int type, long stored, boolean unsigned) {
        if (unsigned && stored < 0 && bits(type) == 0) {
            return new Value(Long.toUnsignedString(stored), Types.DECIMAL);
        }
        return new Value(Long.toString(value(type, stored, unsigned)), sqlType(type, stored, unsigned));
    }

    /** Writes the value's text as {@link #of} makes it and returns its sqlType. */
    static int write(int type, long stored, boolean unsigned, TextBytes out) {
        if (unsigned && stored < 0 && bits(type) == 0) {
            out.ascii(Long.toUnsignedString(stored));
            return Types.DECIMAL;
        }
        out.digits(value(type, stored, unsigned));
        return sqlType(type, stored, unsigned);
    }

    private static long value(int type, long stored, boolean unsigned) {
        return !unsigned || stored >= 0 ? stored : stored + (1L << bits(type));
    }

    private static int sqlType(int type, long stored, boolean unsigned) {
        if (!unsigned || stored >= 0) {
            return SqlTypes.of(type, false);
        }
        return switch (type) {
            case ColumnTypes.TINY -> Types.SMALLINT;
            case ColumnTypes.SHORT, ColumnTypes.INT24 -> Types.INTEGER;
            case ColumnTypes.LONG -> Types.BIGINT;
            default -> Types.DECIMAL;
        };
    }

    /** The width of a type narrower than BIGINT; 0 for the others. */
    private static int bits(int type) {
        return switch (type) {
            case ColumnTypes.TINY -> 8;
            case ColumnTypes.SHORT -> 16;
            case ColumnTypes.INT24 -> 24;
            case ColumnTypes.LONG -> 32;
            default -> 0;
        };
    }
}
