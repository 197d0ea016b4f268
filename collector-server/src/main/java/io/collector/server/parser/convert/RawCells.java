package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;

/**
 * Reads one non-NULL cell of a row image into the raw form {@link ValueConverter} formats. Unlike the connector's
 * defaults nothing is lost: integers stay signed as stored (unsigned fix-up happens later), temporal values keep
 * every field ({@link RawDate}, {@link RawTime}, {@link RawDateTime}, {@link RawTimestamp}), YEAR 0 stays 0, BIT
 * and SET are unsigned bit patterns in a {@link Long}, ENUM is its index, and all strings, blobs, JSON and
 * geometry values are the stored bytes.
 */
final class RawCells {

    private RawCells() {
    }

    /**
     * Reads the cell of a column whose TABLE_MAP type is {@code type} (unsigned) and metadata {@code meta}.
     *
     * @throws IOException on a truncated stream or a type the binlog format does not allow
     */
    static Serializable read(int type, int meta, ByteArrayInputStream in) throws IOException {
        switch (type) {
            case ColumnTypes.TINY: return (int) (byte) in.read();
            case ColumnTypes.SHORT: return (int) (short) in.readInteger(2);
            case ColumnTypes.INT24: return (in.readInteger(3) << 8) >> 8;
            case ColumnTypes.LONG: return in.readInteger(4);
            case ColumnTypes.LONGLONG: return in.readLong(8);
            case ColumnTypes.FLOAT: return Float.intBitsToFloat(in.readInteger(4));
            case ColumnTypes.DOUBLE: return Double.longBitsToDouble(in.readLong(8));
            case ColumnTypes.NEWDECIMAL: return readDecimal(meta, in);
            case ColumnTypes.BIT: return readBit(meta, in);
            case ColumnTypes.YEAR: return readYear(in);
            case ColumnTypes.STRING: return readStringFamily(meta, in);
            case ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING: return in.read(in.readInteger(meta < 256 ? 1 : 2));
            case ColumnTypes.BLOB, ColumnTypes.TINY_BLOB, ColumnTypes.MEDIUM_BLOB, ColumnTypes.LONG_BLOB,
                 ColumnTypes.JSON, ColumnTypes.GEOMETRY: return in.read(in.readInteger(meta));
            case ColumnTypes.ENUM: return in.readInteger(ColumnTypes.stringLength(meta));
            case ColumnTypes.SET: return in.readLong(ColumnTypes.stringLength(meta));
            default: return RawTemporals.read(type, meta, in);
        }
    }

    static Serializable readDecimal(int meta, ByteArrayInputStream in) throws IOException {
        int precision = meta & 0xFF;
        int scale = meta >> 8;
        return DecimalCodec.decode(precision, scale, in.read(DecimalCodec.binarySize(precision, scale)));
    }

    /** BIT(n): the big-endian bytes as an unsigned value in a Long. */
    static Serializable readBit(int meta, ByteArrayInputStream in) throws IOException {
        int bits = (meta >> 8) * 8 + (meta & 0xFF);
        return readBigEndian(in, (bits + 7) >> 3);
    }

    /** YEAR: 0 stays 0 (MySQL's zero year), anything else is 1900 + the stored byte. */
    static Serializable readYear(ByteArrayInputStream in) throws IOException {
        int stored = in.read();
        return stored == 0 ? 0 : 1900 + stored;
    }

    /** CHAR/BINARY bytes, or the ENUM index / SET bitmask when the metadata announces one of those. */
    static Serializable readStringFamily(int meta, ByteArrayInputStream in) throws IOException {
        int realType = ColumnTypes.realType(ColumnTypes.STRING, meta);
        int length = ColumnTypes.stringLength(meta);
        if (realType == ColumnTypes.ENUM) {
            return in.readInteger(length);
        }
        if (realType == ColumnTypes.SET) {
            return in.readLong(length);
        }
        return in.read(in.readInteger(length < 256 ? 1 : 2));
    }

    static long readBigEndian(ByteArrayInputStream in, int length) throws IOException {
        long result = 0;
        for (int i = 0; i < length; i++) {
            result = (result << 8) | in.read();
        }
        return result;
    }
}
