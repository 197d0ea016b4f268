package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import java.sql.Types;

/** The {@link Types} code Canal reports for a column type before any value-dependent adjustment. */
final class SqlTypes {

    private SqlTypes() {
    }

    /**
     * The sqlType of a column of real type {@code type}; this is also what a NULL value reports.
     *
     * @param binary whether the column has no character set (BINARY, VARBINARY, BLOB)
     */
    static int of(int type, boolean binary) {
        return switch (type) {
            case ColumnTypes.TINY -> Types.TINYINT;
            case ColumnTypes.SHORT -> Types.SMALLINT;
            case ColumnTypes.INT24, ColumnTypes.LONG, ColumnTypes.ENUM -> Types.INTEGER;
            case ColumnTypes.LONGLONG -> Types.BIGINT;
            case ColumnTypes.FLOAT -> Types.REAL;
            case ColumnTypes.DOUBLE -> Types.DOUBLE;
            case ColumnTypes.DECIMAL, ColumnTypes.NEWDECIMAL -> Types.DECIMAL;
            case ColumnTypes.BIT -> Types.BIT;
            case ColumnTypes.DATE, ColumnTypes.NEWDATE -> Types.DATE;
            case ColumnTypes.TIME, ColumnTypes.TIME2 -> Types.TIME;
            case ColumnTypes.DATETIME, ColumnTypes.DATETIME2, ColumnTypes.TIMESTAMP, ColumnTypes.TIMESTAMP2 ->
                Types.TIMESTAMP;
            case ColumnTypes.YEAR -> Types.VARCHAR;
            case ColumnTypes.STRING -> binary ? Types.BLOB : Types.CHAR;
            case ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING -> binary ? Types.BLOB : Types.VARCHAR;
            case ColumnTypes.BLOB, ColumnTypes.TINY_BLOB, ColumnTypes.MEDIUM_BLOB, ColumnTypes.LONG_BLOB ->
                binary ? Types.BLOB : Types.CLOB;
            case ColumnTypes.SET, ColumnTypes.GEOMETRY -> Types.BLOB;
            default -> Types.OTHER;
        };
    }
}
