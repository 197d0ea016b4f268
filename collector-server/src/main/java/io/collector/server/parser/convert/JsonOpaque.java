package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
/**
 * Canal's text of an opaque binary JSON scalar (a MySQL value of another type stored inside JSON): DECIMAL
 * unquoted, TIME and DATE/DATETIME/TIMESTAMP quoted with six fraction digits, anything else as quoted UTF-8 text.
 */
final class JsonOpaque {

    private JsonOpaque() {
    }

    static void append(StringBuilder out, JsonBytes doc, int offset) {
        int fieldType = doc.u8(offset);
        int length = doc.varInt(offset + 1);
        int data = offset + 1 + doc.varIntSize(offset + 1);
        switch (fieldType) {
            case ColumnTypes.NEWDECIMAL, ColumnTypes.DECIMAL -> out.append(decimal(doc, data, length));
            case ColumnTypes.TIME, ColumnTypes.TIME2 -> quoted(out, time(doc.i64(data)));
            case ColumnTypes.DATE, ColumnTypes.DATETIME, ColumnTypes.TIMESTAMP, ColumnTypes.DATETIME2,
                 ColumnTypes.TIMESTAMP2 -> quoted(out, dateTime(doc.i64(data)));
            default -> {
                out.append('"');
                JsonEscaper.append(out, doc.utf8(data, length));
                out.append('"');
            }
        }
    }

    private static String decimal(JsonBytes doc, int data, int length) {
        int precision = doc.u8(data);
        int scale = doc.u8(data + 1);
        return DecimalCodec.decode(precision, scale, doc.copy(data + 2, length - 2)).toPlainString();
    }

    /** A packed TIME ({@code ±(hms << 24 | micros)}); zero is {@code 00:00:00} without a fraction. */
    static String time(long packed) {
        if (packed == 0) {
            return "00:00:00";
        }
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        RawTime time = new RawTime(packed < 0, (int) (hms >> 12) & 0x3FF, (int) (hms >> 6) & 0x3F,
            (int) hms & 0x3F, (int) (abs & 0xFFFFFF));
        return TemporalText.time(time, 6);
    }

    /** A packed DATETIME ({@code ymdhms << 24 | micros}); zero is {@code 0000-00-00 00:00:00} without fraction. */
    static String dateTime(long packed) {
        if (packed == 0) {
            return "0000-00-00 00:00:00";
        }
        long abs = Math.abs(packed);
        long intPart = abs >> 24;
        long ymd = intPart >> 17;
        long yearMonth = ymd >> 5;
        long hms = intPart & 0x1FFFF;
        RawDateTime value = new RawDateTime((int) (yearMonth / 13), (int) (yearMonth % 13), (int) (ymd & 0x1F),
            (int) (hms >> 12), (int) ((hms >> 6) & 0x3F), (int) (hms & 0x3F), (int) (abs & 0xFFFFFF));
        return TemporalText.dateTime(value, 6);
    }

    private static void quoted(StringBuilder out, String text) {
        out.append('"').append(text).append('"');
    }
}
