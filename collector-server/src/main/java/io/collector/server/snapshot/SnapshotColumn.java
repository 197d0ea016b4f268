package io.collector.server.snapshot;

import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.convert.Value;
import io.collector.server.parser.schema.ColumnSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How one column is selected in a snapshot query and turned into the same value text and sqlType the binlog
 * gives for it ({@code canal-types.md} §2): temporal, decimal and integer values through the server's own text
 * ({@code CAST(... AS CHAR)}), BIT as its unsigned number, ENUM and SET as index and bitmask unless labels are
 * asked for, TIMESTAMP through its epoch value in the configured zone, binary strings as ISO-8859-1 text.
 */
final class SnapshotColumn {

    private enum Kind { INTEGER, FLOAT, DOUBLE, TEXT_CAST, TEXT, BINARY, ENUM_INDEX, SET_MASK, TIMESTAMP }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ColumnSchema schema;
    private final Kind kind;
    private final int sqlType;
    private final ZoneId zone;

    SnapshotColumn(ColumnSchema schema, ConvertOptions options) {
        this.schema = schema;
        this.kind = kind(schema, options);
        this.sqlType = baseSqlType(schema.dataType(), schema.charset() == null);
        this.zone = options.timestampZone();
    }

    ColumnSchema schema() {
        return schema;
    }

    /** Whether chunk bounds on this column can be passed as a parameter that the server compares correctly. */
    boolean chunkable() {
        String type = schema.dataType();
        return switch (kind) {
            case INTEGER -> true;
            case TEXT_CAST -> !type.equals("bit");
            case TEXT -> !type.equals("enum") && !type.equals("set") && !type.equals("json");
            default -> false;
        };
    }

    boolean integer() {
        return kind == Kind.INTEGER;
    }

    /** The select-list expression. */
    String select() {
        String c = SnapshotSql.quote(schema.name());
        return switch (kind) {
            case INTEGER, TEXT_CAST -> schema.dataType().equals("bit")
                    ? "CAST(CAST(" + c + " AS UNSIGNED) AS CHAR)" : "CAST(" + c + " AS CHAR)";
            case ENUM_INDEX, SET_MASK -> "CAST(" + c + " + 0 AS CHAR)";
            case TIMESTAMP -> "CAST(UNIX_TIMESTAMP(" + c + ") AS CHAR)";
            default -> c;
        };
    }

    /** Binds a chunk bound, given as the value text this column produced, to parameter {@code i}. */
    void bind(java.sql.PreparedStatement st, int i, String text) throws SQLException {
        if (kind == Kind.INTEGER) {
            st.setBigDecimal(i, new BigDecimal(text));
        } else {
            st.setString(i, text);
        }
    }

    /** The value of column {@code i} (1-based) of the current row. */
    Value read(ResultSet rs, int i) throws SQLException {
        return switch (kind) {
            case FLOAT -> floating(rs, i, true);
            case DOUBLE -> floating(rs, i, false);
            case BINARY -> {
                byte[] bytes = rs.getBytes(i);
                yield new Value(bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1), sqlType);
            }
            case INTEGER -> integer(rs.getString(i));
            case TIMESTAMP -> timestamp(rs.getString(i));
            default -> new Value(rs.getString(i), sqlType);
        };
    }

    private Value floating(ResultSet rs, int i, boolean single) throws SQLException {
        if (single) {
            float f = rs.getFloat(i);
            return new Value(rs.wasNull() ? null : Float.toString(f), Types.REAL);
        }
        double d = rs.getDouble(i);
        return new Value(rs.wasNull() ? null : Double.toString(d), Types.DOUBLE);
    }

    /** An unsigned value above the signed range reports the next wider type, as the binlog path does. */
    private Value integer(String text) {
        if (text == null || !schema.unsigned()) {
            return new Value(text, sqlType);
        }
        int bits = switch (schema.dataType()) {
            case "tinyint" -> 8;
            case "smallint" -> 16;
            case "mediumint" -> 24;
            case "int" -> 32;
            default -> 64;
        };
        if (new BigInteger(text).bitLength() < bits) {
            return new Value(text, sqlType);
        }
        return new Value(text, switch (bits) {
            case 8 -> Types.SMALLINT;
            case 16, 24 -> Types.INTEGER;
            case 32 -> Types.BIGINT;
            default -> Types.DECIMAL;
        });
    }

    private Value timestamp(String epoch) {
        if (epoch == null) {
            return new Value(null, sqlType);
        }
        int dot = epoch.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? epoch : epoch.substring(0, dot));
        String fraction = dot < 0 ? "" : epoch.substring(dot);
        String local = seconds == 0 ? "0000-00-00 00:00:00"
                : LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone).format(LOCAL);
        return new Value(local + fraction, sqlType);
    }

    private static Kind kind(ColumnSchema c, ConvertOptions options) {
        return switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> Kind.INTEGER;
            case "float" -> Kind.FLOAT;
            case "double", "real" -> Kind.DOUBLE;
            case "decimal", "numeric", "bit", "date", "time", "datetime", "year" -> Kind.TEXT_CAST;
            case "timestamp" -> Kind.TIMESTAMP;
            case "enum" -> options.enumAsLabel() ? Kind.TEXT : Kind.ENUM_INDEX;
            case "set" -> options.setAsLabels() ? Kind.TEXT : Kind.SET_MASK;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json" ->
                    c.charset() == null ? Kind.BINARY : Kind.TEXT;
            default -> Kind.BINARY;
        };
    }

    private static int baseSqlType(String dataType, boolean binary) {
        return switch (dataType) {
            case "tinyint" -> Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "integer", "enum" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "float" -> Types.REAL;
            case "double", "real" -> Types.DOUBLE;
            case "decimal", "numeric" -> Types.DECIMAL;
            case "bit", "set" -> Types.BIT;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "timestamp" -> Types.TIMESTAMP;
            case "year" -> Types.VARCHAR;
            case "varchar", "json" -> binary ? Types.BLOB : Types.VARCHAR;
            case "char" -> binary ? Types.BLOB : Types.CHAR;
            case "tinytext", "text", "mediumtext", "longtext" -> binary ? Types.BLOB : Types.CLOB;
            default -> Types.BLOB;
        };
    }
}
