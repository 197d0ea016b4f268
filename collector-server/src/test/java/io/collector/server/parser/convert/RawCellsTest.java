package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static io.collector.server.parser.schema.ColumnTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawCellsTest {

    @Test
    void integersStaySignedAsStored() throws IOException {
        assertThat(read(TINY, 0, TestBytes.of(0xFF))).isEqualTo(-1);
        assertThat(read(SHORT, 0, TestBytes.of(0xFF, 0xFF))).isEqualTo(-1);
        assertThat(read(INT24, 0, TestBytes.of(0x00, 0x00, 0x80))).isEqualTo(-8388608);
        assertThat(read(INT24, 0, TestBytes.of(0xFF, 0xFF, 0x7F))).isEqualTo(8388607);
        assertThat(read(LONG, 0, TestBytes.of(0xFF, 0xFF, 0xFF, 0xFF))).isEqualTo(-1);
        assertThat(read(LONGLONG, 0, new TestBytes().le(-1L, 8).toBytes())).isEqualTo(-1L);
    }

    @Test
    void floatingPoint() throws IOException {
        assertThat(read(FLOAT, 4, new TestBytes().le(Float.floatToIntBits(1.1f), 4).toBytes())).isEqualTo(1.1f);
        assertThat(read(DOUBLE, 8, new TestBytes().le(Double.doubleToLongBits(1e7), 8).toBytes())).isEqualTo(1e7);
    }

    @Test
    void yearZeroStaysZero() throws IOException {
        assertThat(read(YEAR, 0, TestBytes.of(0))).isEqualTo(0);
        assertThat(read(YEAR, 0, TestBytes.of(124))).isEqualTo(2024);
        assertThat(read(YEAR, 0, TestBytes.of(255))).isEqualTo(2155);
    }

    @Test
    void bitIsBigEndianUnsigned() throws IOException {
        assertThat(read(BIT, 1, TestBytes.of(1))).isEqualTo(1L);
        assertThat(read(BIT, 1 << 8 | 2, TestBytes.of(0x03, 0xFF))).isEqualTo(1023L);
        assertThat(read(BIT, 8 << 8, new TestBytes().be(-1L, 8).toBytes())).isEqualTo(-1L);
        assertThat(read(BIT, 3, TestBytes.of(5))).isEqualTo(5L);
    }

    @Test
    void stringsAreBytes() throws IOException {
        byte[] utf8 = "\u00e9\u4e16".getBytes(StandardCharsets.UTF_8);
        byte[] high = {(byte) 0x80, (byte) 0xFF, 0};

        assertThat(read(STRING, STRING << 8 | 40, new TestBytes().u8(utf8.length).bytes(utf8).toBytes()))
            .isEqualTo(utf8);
        assertThat(read(VARCHAR, 80, new TestBytes().u8(3).bytes(high).toBytes())).isEqualTo(high);
        assertThat(read(VARCHAR, 1000, new TestBytes().le(3, 2).bytes(high).toBytes())).isEqualTo(high);
        assertThat(read(BLOB, 2, new TestBytes().le(3, 2).bytes(high).toBytes())).isEqualTo(high);
        assertThat(read(BLOB, 4, new TestBytes().le(3, 4).bytes(high).toBytes())).isEqualTo(high);
        assertThat(read(JSON, 4, new TestBytes().le(3, 4).bytes(high).toBytes())).isEqualTo(high);
        assertThat(read(GEOMETRY, 4, new TestBytes().le(3, 4).bytes(high).toBytes())).isEqualTo(high);
    }

    @Test
    void longCharUsesTwoLengthBytes() throws IOException {
        int meta = (STRING ^ 0x30) << 8 | 0xFC;
        byte[] value = "x".repeat(300).getBytes(StandardCharsets.UTF_8);

        assertThat(ColumnTypes.realType(STRING, meta)).isEqualTo(STRING);
        assertThat(ColumnTypes.stringLength(meta)).isEqualTo(1020);
        assertThat(read(STRING, meta, new TestBytes().le(300, 2).bytes(value).toBytes())).isEqualTo(value);
    }

    @Test
    void enumAndSetFromStringMetadata() throws IOException {
        assertThat(ColumnTypes.realType(STRING, ENUM << 8 | 1)).isEqualTo(ENUM);
        assertThat(ColumnTypes.realType(STRING, SET << 8 | 8)).isEqualTo(SET);
        assertThat(read(STRING, ENUM << 8 | 1, TestBytes.of(2))).isEqualTo(2);
        assertThat(read(STRING, ENUM << 8 | 2, TestBytes.of(0x2C, 0x01))).isEqualTo(300);
        assertThat(read(STRING, SET << 8 | 1, TestBytes.of(5))).isEqualTo(5L);
        assertThat(read(STRING, SET << 8 | 8, new TestBytes().le(-1L, 8).toBytes())).isEqualTo(-1L);
    }

    @Test
    void dates() throws IOException {
        assertThat(read(DATE, 0, new TestBytes().le(2024 << 9 | 1 << 5 | 5, 3).toBytes()))
            .isEqualTo(new RawDate(2024, 1, 5));
        assertThat(read(DATE, 0, TestBytes.of(0, 0, 0))).isEqualTo(new RawDate(0, 0, 0));
        assertThat(read(DATE, 0, new TestBytes().le(2024 << 9, 3).toBytes())).isEqualTo(new RawDate(2024, 0, 0));
    }

    @Test
    void oldTimeAndDatetime() throws IOException {
        assertThat(read(TIME, 0, new TestBytes().le(-8385959, 3).toBytes()))
            .isEqualTo(new RawTime(true, 838, 59, 59, 0));
        assertThat(read(TIME, 0, new TestBytes().le(123456, 3).toBytes()))
            .isEqualTo(new RawTime(false, 12, 34, 56, 0));
        assertThat(read(DATETIME, 0, new TestBytes().le(20240229235958L, 8).toBytes()))
            .isEqualTo(new RawDateTime(2024, 2, 29, 23, 59, 58, 0));
        assertThat(read(DATETIME, 0, new TestBytes().le(0, 8).toBytes()))
            .isEqualTo(new RawDateTime(0, 0, 0, 0, 0, 0, 0));
    }

    /** MySQL's own table of negative TIME(2) disk values (my_time.cc), and more. */
    @ParameterizedTest
    @CsvSource({
        "800000, 00, 2, false, 0, 0, 0, 0",
        "7FFFFF, FF, 2, true, 0, 0, 0, 10000",
        "7FFFFF, 9D, 2, true, 0, 0, 0, 990000",
        "7FFFFF, 00, 2, true, 0, 0, 1, 0",
        "7FFFFE, FF, 2, true, 0, 0, 1, 10000",
        "7FFFFE, F6, 2, true, 0, 0, 1, 100000",
        "80B8AE, 32, 1, false, 11, 34, 46, 500000",
    })
    void time2WithOneFractionByte(String intPart, String fraction, int fsp, boolean negative, int hours,
                                  int minutes, int seconds, int micros) throws IOException {
        byte[] bytes = new TestBytes().be(Long.parseLong(intPart, 16), 3).u8(Integer.parseInt(fraction, 16))
            .toBytes();

        assertThat(read(TIME2, fsp, bytes)).isEqualTo(new RawTime(negative, hours, minutes, seconds, micros));
    }

    @ParameterizedTest
    @CsvSource({
        "0, false, 12, 34, 56, 0",
        "0, true, 838, 59, 59, 0",
        "0, false, 838, 59, 59, 0",
        "1, true, 100, 0, 0, 500000",
        "3, true, 1, 2, 3, 456000",
        "4, true, 0, 0, 0, 123400",
        "4, false, 25, 0, 0, 999900",
        "5, true, 0, 0, 1, 123450",
        "6, true, 838, 59, 59, 999999",
        "6, false, 0, 0, 0, 1",
    })
    void time2RoundTripsMysqlEncoding(int fsp, boolean negative, int hours, int minutes, int seconds, int micros)
            throws IOException {
        long hms = ((long) hours << 12) | ((long) minutes << 6) | seconds;
        long packed = (hms << 24) + micros;
        byte[] bytes = MysqlTime2.encode(negative ? -packed : packed, fsp);

        assertThat(read(TIME2, fsp, bytes)).isEqualTo(new RawTime(negative, hours, minutes, seconds, micros));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 2024, 2, 29, 23, 59, 59, 0",
        "6, 2024, 2, 29, 23, 59, 59, 123456",
        "3, 1000, 1, 1, 0, 0, 0, 123000",
        "2, 9999, 12, 31, 23, 59, 59, 990000",
        "0, 0, 0, 0, 0, 0, 0, 0",
        "4, 2024, 0, 0, 10, 0, 0, 0",
    })
    void datetime2(int fsp, int year, int month, int day, int hour, int minute, int second, int micros)
            throws IOException {
        long ymd = ((long) (year * 13 + month) << 5) | day;
        long intPart = (ymd << 17) | ((long) hour << 12) | ((long) minute << 6) | second;
        TestBytes bytes = new TestBytes().be(intPart + 0x8000000000L, 5);
        writeFraction(bytes, fsp, micros);

        assertThat(read(DATETIME2, fsp, bytes.toBytes()))
            .isEqualTo(new RawDateTime(year, month, day, hour, minute, second, micros));
    }

    @Test
    void timestamps() throws IOException {
        TestBytes v2 = new TestBytes().be(1700000000L, 4);
        writeFraction(v2, 3, 500000);

        assertThat(read(TIMESTAMP2, 3, v2.toBytes())).isEqualTo(new RawTimestamp(1700000000L, 500000));
        assertThat(read(TIMESTAMP2, 0, new TestBytes().be(0xFFFFFFFFL, 4).toBytes()))
            .isEqualTo(new RawTimestamp(0xFFFFFFFFL, 0));
        assertThat(read(TIMESTAMP, 0, new TestBytes().le(1700000000L, 4).toBytes()))
            .isEqualTo(new RawTimestamp(1700000000L, 0));
    }

    @Test
    void decimalsHandBuilt() throws IOException {
        int meta = 10 | 2 << 8;

        assertThat(read(NEWDECIMAL, meta, TestBytes.of(0x80, 0, 0, 1, 0))).isEqualTo(new BigDecimal("1.00"));
        assertThat(read(NEWDECIMAL, meta, TestBytes.of(0x7F, 0xFF, 0xFF, 0xFF, 0xCD)))
            .isEqualTo(new BigDecimal("-0.50"));
        assertThat(read(NEWDECIMAL, 4 | 2 << 8, TestBytes.of(0x8C, 0x22))).isEqualTo(new BigDecimal("12.34"));
    }

    @Test
    void decimalsMatchMysqlEncodingAndTheConnector() throws IOException {
        Random random = new Random(42);
        int[][] shapes = {{1, 0}, {10, 2}, {18, 0}, {18, 9}, {18, 18}, {9, 9}, {19, 4}, {30, 10}, {65, 30}, {65, 0}};
        for (int[] shape : shapes) {
            for (int i = 0; i < 200; i++) {
                BigDecimal value = randomDecimal(random, shape[0], shape[1]);
                byte[] bytes = MysqlDecimal.encode(value, shape[0], shape[1]);
                int meta = shape[0] | shape[1] << 8;

                assertThat(read(NEWDECIMAL, meta, bytes.clone())).as("%s", value).isEqualTo(value);
                assertThat(AbstractRowsEventDataDeserializer.asBigDecimal(shape[0], shape[1], bytes.clone()))
                    .isEqualByComparingTo(value);
            }
        }
    }

    @Test
    void unknownTypeFails() {
        assertThatThrownBy(() -> read(6, 0, TestBytes.of(0))).isInstanceOf(IOException.class);
    }

    private static BigDecimal randomDecimal(Random random, int precision, int scale) {
        int digits = 1 + random.nextInt(precision);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale);
        return value.signum() == 0 ? value.abs() : value;
    }

    private static void writeFraction(TestBytes bytes, int fsp, int micros) {
        int length = (fsp + 1) / 2;
        int units = micros / (int) Math.pow(100, 3 - length);
        if (length > 0) {
            bytes.be(units, length);
        }
    }

    static Serializable read(int type, int meta, byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Serializable value = RawCells.read(type, meta, in);
        assertThat(in.available()).as("bytes left").isZero();
        return value;
    }
}
