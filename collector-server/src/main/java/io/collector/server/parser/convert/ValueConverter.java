package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import io.collector.server.parser.schema.ColumnSchema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Set;

/**
 * Turns the raw cell values of {@link RawEventDeserializers} into Canal's value text and sqlType (see
 * {@code canal-types.md} §2). The type decision uses the TABLE_MAP type and metadata of the column plus the
 * column's schema: its charset tells CHAR/VARCHAR/TEXT from BINARY/VARBINARY/BLOB (MariaDB's JSON is a LONGTEXT
 * and comes out as text), {@code unsigned()} drives the unsigned fix-up, {@code labels()} the ENUM/SET label
 * options. Thread-safe; one instance can serve all tables.
 */
public final class ValueConverter {

    /** What {@link #writePresent} returns when it wrote nothing and {@link #convert} makes the text. */
    private static final int NOT_WRITTEN = Integer.MIN_VALUE;
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = powersOfTen();
    /** Charsets that decode each byte below 0x80 to the ASCII character of that code. */
    private static final Set<Charset> ASCII_SUPERSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
        StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"));

    private final ConvertOptions options;
    private final TimestampText timestamps;
    private final CharsetCache charsets = new CharsetCache();

    public ValueConverter(ConvertOptions options) {
        this.options = options;
        this.timestamps = new TimestampText(options.timestampZone());
    }

    /**
     * Converts one cell.
     *
     * @param raw        the cell from a raw rows event; null for SQL NULL
     * @param column     the column's schema
     * @param binlogType the column's type byte from {@code TableMapEventData#getColumnTypes()}, unsigned
     *                   ({@code types[i] & 0xFF})
     * @param binlogMeta the column's entry of {@code TableMapEventData#getColumnMetadata()}
     * @throws IllegalArgumentException if the raw value is not what a raw deserializer produces for the type
     */
    public Value convert(Serializable raw, ColumnSchema column, int binlogType, int binlogMeta) {
        int type = ColumnTypes.realType(binlogType, binlogMeta);
        if (raw == null) {
            return new Value(null, type == ColumnTypes.JSON ? Types.OTHER : SqlTypes.of(type, isBinary(column)));
        }
        try {
            return convertPresent(raw, column, type, binlogMeta);
        } catch (ClassCastException e) {
            throw wrongRaw(raw, column, binlogType, e);
        }
    }

    /**
     * Writes one cell's text in UTF-8 into {@code out}, exactly what {@link #convert} makes of it as protobuf
     * encodes a string (nothing for SQL NULL), and returns its sqlType. Numbers, DECIMALs up to 18 digits,
     * temporal values and the bytes of binary and ASCII text are written without a String in between.
     *
     * @throws IllegalArgumentException as {@link #convert}
     */
    int write(Serializable raw, ColumnSchema column, int binlogType, int binlogMeta, TextBytes out) {
        if (raw != null) {
            int type = ColumnTypes.realType(binlogType, binlogMeta);
            try {
                int sqlType = writePresent(raw, column, type, binlogMeta, out);
                if (sqlType != NOT_WRITTEN) {
                    return sqlType;
                }
            } catch (ClassCastException e) {
                throw wrongRaw(raw, column, binlogType, e);
            }
        }
        Value value = convert(raw, column, binlogType, binlogMeta);
        if (!value.isNull()) {
            out.text(value.text());
        }
        return value.sqlType();
    }

    private int writePresent(Serializable raw, ColumnSchema column, int type, int meta, TextBytes out) {
        switch (type) {
            case ColumnTypes.TINY, ColumnTypes.SHORT, ColumnTypes.INT24, ColumnTypes.LONG, ColumnTypes.LONGLONG:
                return IntegerValues.write(type, ((Number) raw).longValue(), column.unsigned(), out);
            case ColumnTypes.FLOAT: out.ascii(Float.toString((Float) raw)); return Types.REAL;
            case ColumnTypes.DOUBLE: out.ascii(Double.toString((Double) raw)); return Types.DOUBLE;
            case ColumnTypes.NEWDECIMAL:
                return writeDecimal((BigDecimal) raw, meta >> 8, out) ? Types.DECIMAL : NOT_WRITTEN;
            case ColumnTypes.DATE: TemporalText.date((RawDate) raw, out); return Types.DATE;
            case ColumnTypes.TIME, ColumnTypes.TIME2:
                TemporalText.time((RawTime) raw, fsp(type, meta), out);
                return Types.TIME;
            case ColumnTypes.DATETIME, ColumnTypes.DATETIME2:
                TemporalText.dateTime((RawDateTime) raw, fsp(type, meta), out);
                return Types.TIMESTAMP;
            case ColumnTypes.TIMESTAMP, ColumnTypes.TIMESTAMP2:
                timestamps.format((RawTimestamp) raw, fsp(type, meta), out);
                return Types.TIMESTAMP;
            case ColumnTypes.STRING, ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING, ColumnTypes.BLOB,
                 ColumnTypes.TINY_BLOB, ColumnTypes.MEDIUM_BLOB, ColumnTypes.LONG_BLOB:
                return writeTextOrBinary((byte[]) raw, column, type, out);
            default: return NOT_WRITTEN;
        }
    }

    /**
     * A DECIMAL of the column's scale and at most 18 digits as {@link BigDecimal#toPlainString()} writes it;
     * false (nothing written) for any other.
     */
    private static boolean writeDecimal(BigDecimal value, int scale, TextBytes out) {
        if (value.scale() != scale || scale < 0 || scale > MAX_LONG_DIGITS || value.precision() > MAX_LONG_DIGITS) {
            return false;
        }
        long unscaled = value.unscaledValue().longValue();
        if (unscaled < 0) {
            out.ascii('-');
        }
        long magnitude = Math.abs(unscaled);
        long unit = POWERS_OF_TEN[scale];
        out.unsignedDigits(magnitude / unit, 1);
        if (scale > 0) {
            out.ascii('.');
            out.unsignedDigits(magnitude % unit, scale);
        }
        return true;
    }

    /**
     * Binary values byte for byte (as ISO-8859-1 text), text whose bytes are all ASCII in a charset that keeps
     * ASCII as it is copied; other text decoded and encoded again.
     */
    private int writeTextOrBinary(byte[] bytes, ColumnSchema column, int type, TextBytes out) {
        boolean binary = isBinary(column);
        if (binary) {
            out.latin1(bytes);
        } else {
            Charset charset = charsets.forName(column.charset(), column.name());
            if (ASCII_SUPERSETS.contains(charset) && isAscii(bytes)) {
                out.raw(bytes);
            } else {
                out.text(new String(bytes, charset));
            }
        }
        return SqlTypes.of(type, binary);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException wrongRaw(Serializable raw, ColumnSchema column, int binlogType,
                                                     ClassCastException e) {
        return new IllegalArgumentException("Column " + column.name() + " of binlog type " + binlogType
            + " cannot hold a " + raw.getClass().getName() + "; is the raw event deserializer installed?", e);
    }

    private Value convertPresent(Serializable raw, ColumnSchema column, int type, int meta) {
        switch (type) {
            case ColumnTypes.TINY, ColumnTypes.SHORT, ColumnTypes.INT24, ColumnTypes.LONG, ColumnTypes.LONGLONG:
                return IntegerValues.of(type, ((Number) raw).longValue(), column.unsigned());
            case ColumnTypes.FLOAT: return new Value(Float.toString((Float) raw), Types.REAL);
            case ColumnTypes.DOUBLE: return new Value(Double.toString((Double) raw), Types.DOUBLE);
            case ColumnTypes.NEWDECIMAL: return new Value(decimalText((BigDecimal) raw, meta >> 8), Types.DECIMAL);
            case ColumnTypes.BIT: return new Value(Long.toUnsignedString((Long) raw), Types.BIT);
            case ColumnTypes.YEAR: return new Value(yearText((Integer) raw), Types.VARCHAR);
            case ColumnTypes.ENUM: return new Value(EnumSetText.enumText((Integer) raw, column.labels(),
                options.enumAsLabel()), Types.INTEGER);
            case ColumnTypes.SET: return new Value(EnumSetText.setText((Long) raw, column.labels(),
                options.setAsLabels()), Types.BIT);
            case ColumnTypes.JSON: return new Value(JsonText.format((byte[]) raw), Types.VARCHAR);
            case ColumnTypes.GEOMETRY: return new Value(latin1((byte[]) raw), Types.BLOB);
            default: return convertOther(raw, column, type, meta);
        }
    }

    private Value convertOther(Serializable raw, ColumnSchema column, int type, int meta) {
        switch (type) {
            case ColumnTypes.DATE: return new Value(TemporalText.date((RawDate) raw), Types.DATE);
            case ColumnTypes.TIME, ColumnTypes.TIME2:
                return new Value(TemporalText.time((RawTime) raw, fsp(type, meta)), Types.TIME);
            case ColumnTypes.DATETIME, ColumnTypes.DATETIME2:
                return new Value(TemporalText.dateTime((RawDateTime) raw, fsp(type, meta)), Types.TIMESTAMP);
            case ColumnTypes.TIMESTAMP, ColumnTypes.TIMESTAMP2:
                return new Value(timestamps.format((RawTimestamp) raw, fsp(type, meta)), Types.TIMESTAMP);
            case ColumnTypes.STRING, ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING, ColumnTypes.BLOB,
                 ColumnTypes.TINY_BLOB, ColumnTypes.MEDIUM_BLOB, ColumnTypes.LONG_BLOB:
                return textOrBinary((byte[]) raw, column, type);
            default:
                return raw instanceof byte[] bytes ? new Value(latin1(bytes), Types.BLOB)
                    : new Value(raw.toString(), Types.OTHER);
        }
    }

    private Value textOrBinary(byte[] bytes, ColumnSchema column, int type) {
        boolean binary = isBinary(column);
        String text = binary ? latin1(bytes) : new String(bytes, charsets.forName(column.charset(), column.name()));
        return new Value(text, SqlTypes.of(type, binary));
    }

    private static boolean isBinary(ColumnSchema column) {
        return column.charset() == null;
    }

    /** Fractional-second digits: the metadata of the "2" formats, none for the old ones. */
    private static int fsp(int type, int meta) {
        return type == ColumnTypes.TIME2 || type == ColumnTypes.DATETIME2 || type == ColumnTypes.TIMESTAMP2
            ? meta : 0;
    }

    private static String decimalText(BigDecimal value, int scale) {
        BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.HALF_UP);
        return scaled.toPlainString();
    }

    private static String yearText(int year) {
        return year == 0 ? "0000" : Integer.toString(year);
    }

    private static long[] powersOfTen() {
        long[] powers = new long[MAX_LONG_DIGITS + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
