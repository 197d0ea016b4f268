package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;

/**
 * Reads DATE, TIME, DATETIME and TIMESTAMP cells (old and fractional "2" formats) field by field, keeping zero
 * dates, negative and long times and TIMESTAMP's epoch seconds exactly as stored.
 */
final class RawTemporals {

    private static final long TIME_INT_OFFSET = 0x800000L;
    private static final long DATETIME_INT_OFFSET = 0x8000000000L;

    private RawTemporals() {
    }

    static Serializable read(int type, int meta, ByteArrayInputStream in) throws IOException {
        switch (type) {
            case ColumnTypes.DATE: return readDate(in);
            case ColumnTypes.TIME: return readTime(in);
            case ColumnTypes.TIME2: return readTime2(meta, in);
            case ColumnTypes.DATETIME: return readDatetime(in);
            case ColumnTypes.DATETIME2: return readDatetime2(meta, in);
            case ColumnTypes.TIMESTAMP: return new RawTimestamp(in.readLong(4), 0);
            case ColumnTypes.TIMESTAMP2: return readTimestamp2(meta, in);
            default: throw new IOException("Unsupported column type " + type + " (metadata " + meta + ")");
        }
    }

    /** DATE: 3 bytes little-endian, {@code year << 9 | month << 5 | day}. */
    static RawDate readDate(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        return new RawDate(value >>> 9, (value >>> 5) & 0x0F, value & 0x1F);
    }

    /** Old TIME: 3 bytes little-endian signed, {@code ±HHMMSS} as a decimal number. */
    static RawTime readTime(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        int abs = Math.abs(value);
        return new RawTime(value < 0, abs / 10000, abs / 100 % 100, abs % 100, 0);
    }

    /** TIME2: 3 big-endian bytes offset by 2^23 plus a fraction whose negative form is stored complemented. */
    static RawTime readTime2(int meta, ByteArrayInputStream in) throws IOException {
        long intPart = RawCells.readBigEndian(in, 3) - TIME_INT_OFFSET;
        long packed;
        switch (meta) {
            case 1, 2 -> packed = packTime(intPart, (int) RawCells.readBigEndian(in, 1), 0x100, 10000);
            case 3, 4 -> packed = packTime(intPart, (int) RawCells.readBigEndian(in, 2), 0x10000, 100);
            case 5, 6 -> packed = (intPart << 24) + RawCells.readBigEndian(in, 3);
            default -> packed = intPart << 24;
        }
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        return new RawTime(packed < 0, (int) (hms >> 12) & 0x3FF, (int) (hms >> 6) & 0x3F, (int) hms & 0x3F,
            (int) (abs & 0xFFFFFF));
    }

    private static long packTime(long intPart, int fraction, int fractionRange, int microsPerUnit) {
        if (intPart < 0 && fraction != 0) {
            return ((intPart + 1) << 24) + (long) (fraction - fractionRange) * microsPerUnit;
        }
        return (intPart << 24) + (long) fraction * microsPerUnit;
    }

    /** Old DATETIME: 8 bytes little-endian, {@code YYYYMMDDhhmmss} as a decimal number. */
    static RawDateTime readDatetime(ByteArrayInputStream in) throws IOException {
        long value = in.readLong(8);
        int date = (int) (value / 1000000);
        int time = (int) (value % 1000000);
        return new RawDateTime(date / 10000, date / 100 % 100, date % 100, time / 10000, time / 100 % 100,
            time % 100, 0);
    }

    /** DATETIME2: 5 big-endian bytes offset by 2^39 ({@code ym*13 | day | h | m | s} bit fields) plus fraction. */
    static RawDateTime readDatetime2(int meta, ByteArrayInputStream in) throws IOException {
        long intPart = RawCells.readBigEndian(in, 5) - DATETIME_INT_OFFSET;
        int micros = readFraction(meta, in);
        long ymd = intPart >> 17;
        long yearMonth = ymd >> 5;
        long hms = intPart % (1 << 17);
        return new RawDateTime((int) (yearMonth / 13), (int) (yearMonth % 13), (int) (ymd & 0x1F),
            (int) (hms >> 12), (int) ((hms >> 6) & 0x3F), (int) (hms & 0x3F), micros);
    }

    /** TIMESTAMP2: 4 big-endian bytes of epoch seconds plus fraction. */
    static RawTimestamp readTimestamp2(int meta, ByteArrayInputStream in) throws IOException {
        long seconds = RawCells.readBigEndian(in, 4);
        return new RawTimestamp(seconds, readFraction(meta, in));
    }

    /** The fractional part of a "2" format value in microseconds: (fsp + 1) / 2 big-endian bytes. */
    static int readFraction(int fsp, ByteArrayInputStream in) throws IOException {
        switch (fsp) {
            case 1, 2: return (int) RawCells.readBigEndian(in, 1) * 10000;
            case 3, 4: return (int) RawCells.readBigEndian(in, 2) * 100;
            case 5, 6: return (int) RawCells.readBigEndian(in, 3);
            default: return 0;
        }
    }
}
