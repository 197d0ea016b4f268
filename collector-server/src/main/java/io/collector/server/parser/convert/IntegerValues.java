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
        if (!unsigned || stored >= 0) {
            return new Value(Long.toString(stored), SqlTypes.of(type, false));
        }
        return switch (type) {
            case ColumnTypes.TINY -> new Value(Long.toString(stored + (1L << 8)), Types.SMALLINT);
            case ColumnTypes.SHORT -> new Value(Long.toString(stored + (1L << 16)), Types.INTEGER);
            case ColumnTypes.INT24 -> new Value(Long.toString(stored + (1L << 24)), Types.INTEGER);
            case ColumnTypes.LONG -> new Value(Long.toString(stored + (1L << 32)), Types.BIGINT);
            default -> new Value(Long.toUnsignedString(stored), Types.DECIMAL);
        };
    }
}
