package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnSchema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.collector.server.parser.convert.TestColumns.signed;
import static io.collector.server.parser.convert.TestColumns.text;
import static io.collector.server.parser.convert.TestColumns.unsigned;
import static io.collector.server.parser.schema.ColumnTypes.DATETIME2;
import static io.collector.server.parser.schema.ColumnTypes.DATE;
import static io.collector.server.parser.schema.ColumnTypes.DOUBLE;
import static io.collector.server.parser.schema.ColumnTypes.INT24;
import static io.collector.server.parser.schema.ColumnTypes.LONG;
import static io.collector.server.parser.schema.ColumnTypes.LONGLONG;
import static io.collector.server.parser.schema.ColumnTypes.NEWDECIMAL;
import static io.collector.server.parser.schema.ColumnTypes.SHORT;
import static io.collector.server.parser.schema.ColumnTypes.TIME2;
import static io.collector.server.parser.schema.ColumnTypes.TINY;
import static io.collector.server.parser.schema.ColumnTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ValueConverter#write}: the UTF-8 of the text {@link ValueConverter#convert} makes, and the same sqlType. */
class ValueTextTest {

    private static final Random RANDOM = new Random(17);

    private final ValueConverter canal = new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC));
    private final TextBytes out = new TextBytes(8);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.collector.server.parser.convert.ValueConverterTest#cases")
    void writesTheTextCanalShows(String name, ValueConverterTest.Case c) {
        int sqlType = canal.write(c.raw(), c.column(), c.type(), c.meta(), out);

        assertThat(sqlType).isEqualTo(c.sqlType());
        assertThat(written()).isEqualTo(c.text() == null ? new byte[0] : c.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void integersOfEveryWidthSignedAndUnsigned() {
        int[] types = {TINY, SHORT, INT24, LONG, LONGLONG};
        long[] bounds = {Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, -8388608, 8388607,
            Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 9, 10, 99, 100};
        for (int type : types) {
            for (long v : bounds) {
                assertSame(v, signed("int"), type, 0);
                assertSame(v, unsigned("int"), type, 0);
            }
            for (int i = 0; i < 2000; i++) {
                long v = RANDOM.nextLong() >> RANDOM.nextInt(64);
                assertSame(v, signed("int"), type, 0);
                assertSame(v, unsigned("int"), type, 0);
            }
        }
    }

    @Test
    void digitsAsLongToStringAroundEveryPowerOfTen() {
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1, p * 2 - 1}) {
                TextBytes digits = new TextBytes(1);
                digits.digits(v);
                assertThat(digits.textSince(0)).isEqualTo(Long.toString(v));
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        for (long v : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0}) {
            TextBytes digits = new TextBytes(1);
            digits.digits(v);
            assertThat(digits.textSince(0)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void decimalsOfEveryScaleUpTo18DigitsAndBeyond() {
        for (int i = 0; i < 20000; i++) {
            int scale = RANDOM.nextInt(19);
            int precision = Math.max(1, scale) + RANDOM.nextInt(19 - Math.max(1, scale));
            long unscaled = (RANDOM.nextLong() & Long.MAX_VALUE) % pow10(RANDOM.nextInt(precision) + 1);
            BigDecimal value = BigDecimal.valueOf(RANDOM.nextBoolean() ? unscaled : -unscaled, scale);
            assertSame(value, signed("decimal"), NEWDECIMAL, precision | scale << 8);
        }
        assertSame(new BigDecimal("-1234567890123456789012.5"), signed("decimal"), NEWDECIMAL, 30 | 1 << 8);
        assertSame(new BigDecimal("0.000000000000000000000000001"), signed("decimal"), NEWDECIMAL, 30 | 27 << 8);
        assertSame(new BigDecimal("1.5"), signed("decimal"), NEWDECIMAL, 10 | 3 << 8);
        assertSame(new BigDecimal("-999999999999999999"), signed("decimal"), NEWDECIMAL, 18);
    }

    @Test
    void doublesAsDoubleToString() {
        for (int i = 0; i < 5000; i++) {
            assertSame(Double.longBitsToDouble(RANDOM.nextLong()), signed("double"), DOUBLE, 8);
            assertSame(RANDOM.nextInt(1_000_000) * 0.5, signed("double"), DOUBLE, 8);
        }
    }

    @Test
    void temporalFieldsZeroPadded() {
        for (int i = 0; i < 5000; i++) {
            int fsp = RANDOM.nextInt(7);
            RawDateTime dt = new RawDateTime(RANDOM.nextInt(10000), RANDOM.nextInt(13), RANDOM.nextInt(32),
                RANDOM.nextInt(24), RANDOM.nextInt(60), RANDOM.nextInt(60), RANDOM.nextInt(1_000_000));
            String expected = String.format("%04d-%02d-%02d %02d:%02d:%02d", dt.year(), dt.month(), dt.day(),
                dt.hour(), dt.minute(), dt.second()) + fraction(dt.micros(), fsp);
            assertWrites(dt, signed("datetime"), DATETIME2, fsp, expected);
            RawTime t = new RawTime(RANDOM.nextBoolean(), RANDOM.nextInt(839), RANDOM.nextInt(60),
                RANDOM.nextInt(60), RANDOM.nextInt(1_000_000));
            assertWrites(t, signed("time"), TIME2, fsp, (t.negative() ? "-" : "")
                + String.format("%02d:%02d:%02d", t.hours(), t.minutes(), t.seconds()) + fraction(t.micros(), fsp));
            RawDate d = new RawDate(dt.year(), dt.month(), dt.day());
            assertWrites(d, signed("date"), DATE, 0, expected.substring(0, 10));
        }
    }

    @Test
    void textInAsciiCompatibleAndOtherCharsets() {
        byte[] ascii = "plain ascii text 123".getBytes(StandardCharsets.US_ASCII);
        for (String charset : new String[] {"UTF-8", "ISO-8859-1", "windows-1252", "US-ASCII", "GBK", "UTF-16BE",
            "Shift_JIS"}) {
            byte[] nonAscii = "caf\u00e9 \u4e16".getBytes(Charset.forName(charset));
            for (byte[] bytes : new byte[][] {ascii, nonAscii, new byte[0]}) {
                assertSame(bytes, text("varchar", charset), VARCHAR, 80);
            }
        }
        byte[] malformed = {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
        assertSame(malformed, text("varchar", "UTF-8"), VARCHAR, 80);
    }

    @Test
    void binaryBytesOfEveryValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertSame(all, text("varbinary", null), VARCHAR, 80);
    }

    @Test
    void valuesFollowOneAnother() {
        canal.write(5L, signed("bigint"), LONGLONG, 0, out);
        canal.write(null, signed("bigint"), LONGLONG, 0, out);
        canal.write("\u00e9".getBytes(StandardCharsets.UTF_8), text("varchar", "UTF-8"), VARCHAR, 80, out);

        assertThat(written()).isEqualTo("5\u00e9".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wrongRawTypeNamesTheColumn() {
        assertThatThrownBy(() -> canal.write("2024-01-01", signed("date"), DATE, 0, out))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Column c");
    }

    private void assertSame(Serializable raw, ColumnSchema column, int type, int meta) {
        Value value = canal.convert(raw, column, type, meta);
        assertWrites(raw, column, type, meta, value.text());
        TextBytes fresh = new TextBytes(1);
        assertThat(canal.write(raw, column, type, meta, fresh)).as("sqlType of %s", raw).isEqualTo(value.sqlType());
    }

    private void assertWrites(Serializable raw, ColumnSchema column, int type, int meta, String expected) {
        int from = out.length();
        canal.write(raw, column, type, meta, out);
        byte[] actual = Arrays.copyOfRange(out.array(), from, out.length());
        assertThat(actual).as("text of %s", raw).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] written() {
        return Arrays.copyOf(out.array(), out.length());
    }

    private static String fraction(int micros, int fsp) {
        return fsp == 0 ? "" : "." + String.format("%06d", micros).substring(0, fsp);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
