package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import io.collector.server.parser.schema.ColumnSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static io.collector.server.parser.schema.ColumnTypes.*;
import static io.collector.server.parser.convert.TestColumns.labelled;
import static io.collector.server.parser.convert.TestColumns.signed;
import static io.collector.server.parser.convert.TestColumns.text;
import static io.collector.server.parser.convert.TestColumns.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConverterTest {

    private static final int DECIMAL_10_2 = 10 | 2 << 8;
    private static final int ENUM_META = ENUM << 8 | 1;
    private static final int SET_META = SET << 8 | 1;
    private static final int CHAR_40 = STRING << 8 | 40;
    private static final ColumnSchema UTF8_CHAR = text("char", "UTF-8");
    private static final ColumnSchema BINARY = text("binary", null);

    private final ValueConverter canal = new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC));

    record Case(Serializable raw, ColumnSchema column, int type, int meta, String text, int sqlType) { }

    static Stream<Arguments> cases() {
        return Stream.of(
            integers(), floats(), decimals(), bits(), temporals(), dateTimes(), years(), strings(),
            enumsAndSets(), others())
            .flatMap(s -> s);
    }

    private static Arguments of(String name, Serializable raw, ColumnSchema column, int type, int meta,
                                String text, int sqlType) {
        return Arguments.of(name, new Case(raw, column, type, meta, text, sqlType));
    }

    private static Stream<Arguments> integers() {
        return Stream.of(
            of("tinyint", 5, signed("tinyint"), TINY, 0, "5", -6),
            of("tinyint min", -128, signed("tinyint"), TINY, 0, "-128", -6),
            of("tinyint unsigned 127", 127, unsigned("tinyint"), TINY, 0, "127", -6),
            of("tinyint unsigned 255", -1, unsigned("tinyint"), TINY, 0, "255", 5),
            of("tinyint unsigned 128", -128, unsigned("tinyint"), TINY, 0, "128", 5),
            of("smallint", -300, signed("smallint"), SHORT, 0, "-300", 5),
            of("smallint unsigned 65535", -1, unsigned("smallint"), SHORT, 0, "65535", 4),
            of("mediumint", -8388608, signed("mediumint"), INT24, 0, "-8388608", 4),
            of("mediumint unsigned max", -1, unsigned("mediumint"), INT24, 0, "16777215", 4),
            of("int", Integer.MIN_VALUE, signed("int"), LONG, 0, "-2147483648", 4),
            of("int unsigned max", -1, unsigned("int"), LONG, 0, "4294967295", -5),
            of("int unsigned small", 7, unsigned("int"), LONG, 0, "7", 4),
            of("bigint", Long.MIN_VALUE, signed("bigint"), LONGLONG, 0, "-9223372036854775808", -5),
            of("bigint unsigned max", -1L, unsigned("bigint"), LONGLONG, 0, "18446744073709551615", 3),
            of("bigint unsigned 2^63", Long.MIN_VALUE, unsigned("bigint"), LONGLONG, 0, "9223372036854775808", 3),
            of("bigint unsigned small", 42L, unsigned("bigint"), LONGLONG, 0, "42", -5),
            of("tinyint null", null, signed("tinyint"), TINY, 0, null, -6),
            of("tinyint unsigned null", null, unsigned("tinyint"), TINY, 0, null, -6),
            of("smallint unsigned null", null, unsigned("smallint"), SHORT, 0, null, 5),
            of("mediumint null", null, unsigned("mediumint"), INT24, 0, null, 4),
            of("int unsigned null", null, unsigned("int"), LONG, 0, null, 4),
            of("bigint unsigned null", null, unsigned("bigint"), LONGLONG, 0, null, -5));
    }

    private static Stream<Arguments> floats() {
        return Stream.of(
            of("float 1.1", 1.1f, signed("float"), FLOAT, 4, "1.1", 7),
            of("float 100", 100f, signed("float"), FLOAT, 4, "100.0", 7),
            of("float 1e10", 1e10f, signed("float"), FLOAT, 4, "1.0E10", 7),
            of("float null", null, signed("float"), FLOAT, 4, null, 7),
            of("double 1e7", 1e7, signed("double"), DOUBLE, 8, "1.0E7", 8),
            of("double 1e-4", 1e-4, signed("double"), DOUBLE, 8, "1.0E-4", 8),
            of("double 0.1", 0.1, signed("double"), DOUBLE, 8, "0.1", 8),
            of("double null", null, signed("double"), DOUBLE, 8, null, 8));
    }

    private static Stream<Arguments> decimals() {
        return Stream.of(
            of("decimal 1.00", new BigDecimal("1.00"), signed("decimal"), NEWDECIMAL, DECIMAL_10_2, "1.00", 3),
            of("decimal -0.50", new BigDecimal("-0.50"), signed("decimal"), NEWDECIMAL, DECIMAL_10_2, "-0.50", 3),
            of("decimal scale padded", new BigDecimal("3"), signed("decimal"), NEWDECIMAL, DECIMAL_10_2, "3.00", 3),
            of("decimal no exponent", new BigDecimal("1E+7").setScale(2), signed("decimal"), NEWDECIMAL,
                DECIMAL_10_2, "10000000.00", 3),
            of("decimal scale 0", new BigDecimal("12"), signed("decimal"), NEWDECIMAL, 10, "12", 3),
            of("decimal null", null, signed("decimal"), NEWDECIMAL, DECIMAL_10_2, null, 3));
    }

    private static Stream<Arguments> bits() {
        return Stream.of(
            of("bit(1) 1", 1L, signed("bit"), BIT, 1, "1", -7),
            of("bit(1) 0", 0L, signed("bit"), BIT, 1, "0", -7),
            of("bit(10) b'101'", 5L, signed("bit"), BIT, 1 << 8 | 2, "5", -7),
            of("bit(10) all ones", 1023L, signed("bit"), BIT, 1 << 8 | 2, "1023", -7),
            of("bit(64) all ones", -1L, signed("bit"), BIT, 8 << 8, "18446744073709551615", -7),
            of("bit null", null, signed("bit"), BIT, 1, null, -7));
    }

    private static Stream<Arguments> temporals() {
        return Stream.of(
            of("date", new RawDate(2024, 1, 5), signed("date"), DATE, 0, "2024-01-05", 91),
            of("date zero", new RawDate(0, 0, 0), signed("date"), DATE, 0, "0000-00-00", 91),
            of("date partial zero", new RawDate(2024, 0, 0), signed("date"), DATE, 0, "2024-00-00", 91),
            of("date year 1", new RawDate(1, 2, 3), signed("date"), DATE, 0, "0001-02-03", 91),
            of("date null", null, signed("date"), DATE, 0, null, 91),
            of("time", new RawTime(false, 12, 34, 56, 0), signed("time"), TIME2, 0, "12:34:56", 92),
            of("time negative", new RawTime(true, 1, 2, 3, 0), signed("time"), TIME2, 0, "-01:02:03", 92),
            of("time over 24h", new RawTime(false, 838, 59, 59, 0), signed("time"), TIME2, 0, "838:59:59", 92),
            of("time 100h", new RawTime(false, 100, 0, 0, 0), signed("time"), TIME2, 0, "100:00:00", 92),
            of("time(3) negative long", new RawTime(true, 100, 0, 1, 123456), signed("time"), TIME2, 3,
                "-100:00:01.123", 92),
            of("time(6) negative zero", new RawTime(true, 0, 0, 0, 500000), signed("time"), TIME2, 6,
                "-00:00:00.500000", 92),
            of("time(2)", new RawTime(false, 0, 0, 1, 100000), signed("time"), TIME2, 2, "00:00:01.10", 92),
            of("old time", new RawTime(true, 5, 6, 7, 0), signed("time"), TIME, 0, "-05:06:07", 92),
            of("time null", null, signed("time"), TIME2, 3, null, 92));
    }

    private static Stream<Arguments> dateTimes() {
        return Stream.of(
            of("datetime", new RawDateTime(2024, 2, 29, 23, 59, 59, 0), signed("datetime"), DATETIME2, 0,
                "2024-02-29 23:59:59", 93),
            of("datetime(6)", new RawDateTime(2024, 2, 29, 23, 59, 59, 123456), signed("datetime"), DATETIME2, 6,
                "2024-02-29 23:59:59.123456", 93),
            of("datetime(3)", new RawDateTime(2024, 2, 29, 1, 2, 3, 45000), signed("datetime"), DATETIME2, 3,
                "2024-02-29 01:02:03.045", 93),
            of("datetime zero", new RawDateTime(0, 0, 0, 0, 0, 0, 0), signed("datetime"), DATETIME2, 0,
                "0000-00-00 00:00:00", 93),
            of("datetime(2) zero", new RawDateTime(0, 0, 0, 0, 0, 0, 0), signed("datetime"), DATETIME2, 2,
                "0000-00-00 00:00:00.00", 93),
            of("datetime partial zero", new RawDateTime(2024, 0, 0, 10, 0, 0, 0), signed("datetime"), DATETIME2,
                0, "2024-00-00 10:00:00", 93),
            of("old datetime", new RawDateTime(1999, 12, 31, 23, 59, 59, 0), signed("datetime"), DATETIME, 0,
                "1999-12-31 23:59:59", 93),
            of("datetime null", null, signed("datetime"), DATETIME2, 6, null, 93),
            of("timestamp utc", new RawTimestamp(1700000000, 0), signed("timestamp"), TIMESTAMP2, 0,
                "2023-11-14 22:13:20", 93),
            of("timestamp(3) utc", new RawTimestamp(1700000000, 500000), signed("timestamp"), TIMESTAMP2, 3,
                "2023-11-14 22:13:20.500", 93),
            of("timestamp zero", new RawTimestamp(0, 0), signed("timestamp"), TIMESTAMP2, 0,
                "0000-00-00 00:00:00", 93),
            of("timestamp(6) zero", new RawTimestamp(0, 0), signed("timestamp"), TIMESTAMP2, 6,
                "0000-00-00 00:00:00.000000", 93),
            of("old timestamp", new RawTimestamp(1, 0), signed("timestamp"), TIMESTAMP, 0,
                "1970-01-01 00:00:01", 93),
            of("timestamp null", null, signed("timestamp"), TIMESTAMP2, 0, null, 93));
    }

    private static Stream<Arguments> years() {
        return Stream.of(
            of("year", 2024, signed("year"), YEAR, 0, "2024", 12),
            of("year zero", 0, signed("year"), YEAR, 0, "0000", 12),
            of("year null", null, signed("year"), YEAR, 0, null, 12));
    }

    private static Stream<Arguments> strings() {
        String multiByte = "h\u00e9llo \u4e16\u754c \ud83d\ude00";
        byte[] high = {0x00, 0x41, (byte) 0x80, (byte) 0xE9, (byte) 0xFF};
        return Stream.of(
            of("char utf8mb4", multiByte.getBytes(StandardCharsets.UTF_8), UTF8_CHAR, STRING, CHAR_40, multiByte, 1),
            of("char latin1", new byte[] {(byte) 0xE9, 0x74, (byte) 0xE9}, text("char", "ISO-8859-1"), STRING,
                CHAR_40, "\u00e9t\u00e9", 1),
            of("char empty", new byte[0], UTF8_CHAR, STRING, CHAR_40, "", 1),
            of("char null", null, UTF8_CHAR, STRING, CHAR_40, null, 1),
            of("varchar", multiByte.getBytes(StandardCharsets.UTF_8), text("varchar", "UTF-8"), VARCHAR, 80,
                multiByte, 12),
            of("varchar cp1252", new byte[] {(byte) 0x80}, text("varchar", "windows-1252"), VARCHAR, 80,
                "\u20ac", 12),
            of("varchar null", null, text("varchar", "UTF-8"), VARCHAR, 80, null, 12),
            of("binary", high, BINARY, STRING, CHAR_40, "\u0000A\u0080\u00e9\u00ff", 2004),
            of("binary null", null, BINARY, STRING, CHAR_40, null, 2004),
            of("varbinary", high, text("varbinary", null), VARCHAR, 80, "\u0000A\u0080\u00e9\u00ff", 2004),
            of("varbinary null", null, text("varbinary", null), VARCHAR, 80, null, 2004),
            of("blob", high, text("blob", null), BLOB, 2, "\u0000A\u0080\u00e9\u00ff", 2004),
            of("longblob", high, text("longblob", null), BLOB, 4, "\u0000A\u0080\u00e9\u00ff", 2004),
            of("blob null", null, text("blob", null), BLOB, 2, null, 2004),
            of("tinytext", multiByte.getBytes(StandardCharsets.UTF_8), text("tinytext", "UTF-8"), BLOB, 1,
                multiByte, 2005),
            of("text", multiByte.getBytes(StandardCharsets.UTF_8), text("text", "UTF-8"), BLOB, 2, multiByte, 2005),
            of("text null", null, text("text", "UTF-8"), BLOB, 2, null, 2005),
            of("mariadb json longtext", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), text("longtext", "UTF-8"),
                BLOB, 4, "{\"a\": 1}", 2005),
            of("mariadb json null", null, text("longtext", "UTF-8"), BLOB, 4, null, 2005));
    }

    private static Stream<Arguments> enumsAndSets() {
        ColumnSchema enumColumn = labelled("enum", "a", "b", "c");
        ColumnSchema setColumn = labelled("set", "a", "b", "c");
        return Stream.of(
            of("enum index", 2, enumColumn, STRING, ENUM_META, "2", 4),
            of("enum error value", 0, enumColumn, STRING, ENUM_META, "0", 4),
            of("enum null", null, enumColumn, STRING, ENUM_META, null, 4),
            of("set bitmask", 5L, setColumn, STRING, SET_META, "5", -7),
            of("set empty", 0L, setColumn, STRING, SET_META, "0", -7),
            of("set null", null, setColumn, STRING, SET_META, null, 2004));
    }

    private static Stream<Arguments> others() {
        byte[] json = JsonBinaryWriter.small(java.util.Map.of("k", java.util.List.of(1, "x")));
        byte[] geometry = {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F};
        return Stream.of(
            of("json", json, signed("json"), JSON, 4, "{\"k\": [1, \"x\"]}", 12),
            of("json empty", new byte[0], signed("json"), JSON, 4, "", 12),
            of("json null", null, signed("json"), JSON, 4, null, 1111),
            of("geometry", geometry, signed("geometry"), GEOMETRY, 4,
                new String(geometry, StandardCharsets.ISO_8859_1), 2004),
            of("geometry null", null, signed("geometry"), GEOMETRY, 4, null, 2004));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsAsCanal(String name, Case c) {
        Value value = canal.convert(c.raw(), c.column(), c.type(), c.meta());

        assertThat(value.text()).isEqualTo(c.text());
        assertThat(value.sqlType()).isEqualTo(c.sqlType());
        assertThat(value.isNull()).isEqualTo(c.text() == null);
    }

    @Test
    void enumAndSetLabelsOnRequest() {
        ValueConverter labels = new ValueConverter(new ConvertOptions(true, true, ZoneOffset.UTC));
        ColumnSchema enumColumn = labelled("enum", "a", "b", "c");
        ColumnSchema setColumn = labelled("set", "a", "b", "c");

        assertThat(labels.convert(2, enumColumn, STRING, ENUM_META)).isEqualTo(new Value("b", 4));
        assertThat(labels.convert(0, enumColumn, STRING, ENUM_META)).isEqualTo(new Value("", 4));
        assertThat(labels.convert(9, enumColumn, STRING, ENUM_META)).isEqualTo(new Value("9", 4));
        assertThat(labels.convert(5L, setColumn, STRING, SET_META)).isEqualTo(new Value("a,c", -7));
        assertThat(labels.convert(0L, setColumn, STRING, SET_META)).isEqualTo(new Value("", -7));
        assertThat(labels.convert(null, setColumn, STRING, SET_META)).isEqualTo(new Value(null, 2004));
    }

    @Test
    void timestampInConfiguredZone() {
        RawTimestamp winter = new RawTimestamp(1700000000, 0);
        RawTimestamp summer = new RawTimestamp(1690000000, 120000);

        assertThat(inZone("Asia/Shanghai", winter, 0)).isEqualTo("2023-11-15 06:13:20");
        assertThat(inZone("America/New_York", winter, 0)).isEqualTo("2023-11-14 17:13:20");
        assertThat(inZone("America/New_York", summer, 2)).isEqualTo("2023-07-22 00:26:40.12");
        assertThat(inZone("UTC", summer, 2)).isEqualTo("2023-07-22 04:26:40.12");
        assertThat(inZone("Asia/Shanghai", new RawTimestamp(0, 0), 0)).isEqualTo("0000-00-00 00:00:00");
    }

    @Test
    void canalDefaultsUseTheJvmZoneLikeSqlTimestamp() {
        ValueConverter defaults = new ValueConverter(ConvertOptions.canal());
        for (long seconds : new long[] {1, 1690000000, 1700000000, 2147483647}) {
            String expected = sqlTimestampText(seconds);
            assertThat(defaults.convert(new RawTimestamp(seconds, 0), signed("timestamp"), TIMESTAMP2, 0).text())
                .isEqualTo(expected);
        }
    }

    @Test
    void wrongRawTypeNamesTheColumn() {
        assertThatThrownBy(() -> canal.convert("2024-01-01", signed("date"), DATE, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Column c");
    }

    @Test
    void aCharsetTheJvmLacksIsAnErrorNamingColumnAndCharset() {
        byte[] text = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> canal.convert(text, text("varchar", "armscii8"), VARCHAR, 40))
            .isInstanceOf(io.collector.server.error.PoisonEventException.class)
            .hasMessageContaining("column c has charset armscii8");
    }

    private static String sqlTimestampText(long seconds) {
        String text = new Timestamp(seconds * 1000).toString();
        return text.substring(0, text.length() - 2);
    }

    private static String inZone(String zone, RawTimestamp timestamp, int fsp) {
        ValueConverter converter = new ValueConverter(new ConvertOptions(false, false, ZoneId.of(zone)));
        return converter.convert(timestamp, signed("timestamp"), TIMESTAMP2, fsp).text();
    }
}
