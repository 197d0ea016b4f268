package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import io.collector.server.parser.convert.JsonBinaryWriter.Opaque;
import io.collector.server.parser.convert.JsonBinaryWriter.UInt16;
import io.collector.server.parser.convert.JsonBinaryWriter.UInt32;
import io.collector.server.parser.convert.JsonBinaryWriter.UInt64;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void handBuiltSmallObject() {
        byte[] doc = TestBytes.of(0x00, 0x01, 0x00, 0x0C, 0x00, 0x0B, 0x00, 0x01, 0x00, 0x05, 0x01, 0x00, 'a');

        assertThat(JsonText.format(doc)).isEqualTo("{\"a\": 1}");
    }

    @Test
    void objectWithNestedArray() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 7);
        doc.put("tags", List.of("x", List.of(1, 2), Map.of()));
        doc.put("ok", true);

        assertThat(format(doc)).isEqualTo("{\"id\": 7, \"tags\": [\"x\", [1, 2], {}], \"ok\": true}");
    }

    @Test
    void literalsAndEmptyContainers() {
        assertThat(format(Arrays.asList(true, false, null))).isEqualTo("[true, false, null]");
        assertThat(format(null)).isEqualTo("null");
        assertThat(format(List.of())).isEqualTo("[]");
        assertThat(format(Map.of())).isEqualTo("{}");
    }

    @Test
    void numbers() {
        List<Object> numbers = List.of(-5, 70000, -70000, 5_000_000_000L, new UInt16(65535),
            new UInt32(4294967295L), new UInt64(-1L), 1.5, 1e20, 1e-4, -0.0);

        assertThat(format(numbers)).isEqualTo(
            "[-5, 70000, -70000, 5000000000, 65535, 4294967295, 18446744073709551615, 1.5, 1.0E20, 1.0E-4, -0.0]");
    }

    @Test
    void stringsAndKeysAreEscapedAsCanal() {
        String raw = "a\"b\\c\nd\re\tf\u0001g\u001fh\u007fi\u00a0j\u00a1\u00e9/\u4e16";
        String escaped = "a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\\u007fi\\u00a0j\u00a1\u00e9/\u4e16";

        assertThat(format(raw)).isEqualTo("\"" + escaped + "\"");
        assertThat(format(Map.of("k\"\u0008", "v"))).isEqualTo("{\"k\\\"\\u0008\": \"v\"}");
    }

    @Test
    void longStringUsesMultiByteLength() {
        String text = "x".repeat(300);

        assertThat(format(List.of(text))).isEqualTo("[\"" + text + "\"]");
    }

    @Test
    void opaqueDecimalIsUnquoted() {
        byte[] decimal = TestBytes.of(4, 2, 0x8C, 0x22);

        assertThat(format(List.of(new Opaque(ColumnTypes.NEWDECIMAL, decimal)))).isEqualTo("[12.34]");
    }

    @Test
    void opaqueTemporalsAreQuotedWithSixDigits() {
        long dateTime = packedDateTime(2024, 1, 2, 3, 4, 5, 6);
        long date = packedDateTime(2024, 1, 2, 0, 0, 0, 0);
        long time = -((((1L << 12) | (2 << 6) | 3) << 24) | 500000);
        List<Object> values = List.of(opaque(ColumnTypes.DATETIME, dateTime), opaque(ColumnTypes.DATE, date),
            opaque(ColumnTypes.TIMESTAMP, dateTime), opaque(ColumnTypes.TIME, time),
            opaque(ColumnTypes.TIME, 0), opaque(ColumnTypes.DATETIME, 0));

        assertThat(format(values)).isEqualTo("[\"2024-01-02 03:04:05.000006\", \"2024-01-02 00:00:00.000000\", "
            + "\"2024-01-02 03:04:05.000006\", \"-01:02:03.500000\", \"00:00:00\", \"0000-00-00 00:00:00\"]");
    }

    @Test
    void otherOpaqueIsQuotedText() {
        assertThat(format(new Opaque(ColumnTypes.VAR_STRING, "a\"b".getBytes(StandardCharsets.UTF_8))))
            .isEqualTo("\"a\\\"b\"");
    }

    @Test
    void largeFormatInlinesInt32AndUint32() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", 70000);
        doc.put("b", new UInt32(4000000000L));
        doc.put("c", List.of("s", -1));

        assertThat(JsonText.format(JsonBinaryWriter.large(doc)))
            .isEqualTo("{\"a\": 70000, \"b\": 4000000000, \"c\": [\"s\", -1]}");
    }

    @Test
    void encoderAgreesWithTheConnectorsParser() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("n", List.of(1, -70000, 5_000_000_000L, true, "s"));
        doc.put("o", Map.of("x", List.of()));
        for (byte[] bytes : List.of(JsonBinaryWriter.small(doc), JsonBinaryWriter.large(doc))) {
            String connector = JsonBinary.parseAsString(bytes);

            assertThat(JsonText.format(bytes).replace(", ", ",").replace(": ", ":")).isEqualTo(connector);
        }
    }

    @Test
    void textDocumentIsReturnedAsIs() {
        assertThat(JsonText.format("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":1}");
    }

    @Test
    void truncatedDocumentFails() {
        byte[] doc = JsonBinaryWriter.small(Map.of("key", "value"));

        assertThatThrownBy(() -> JsonText.format(Arrays.copyOf(doc, doc.length - 3)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static String format(Object value) {
        return JsonText.format(JsonBinaryWriter.small(value));
    }

    private static Opaque opaque(int fieldType, long packed) {
        return new Opaque(fieldType, new TestBytes().le(packed, 8).toBytes());
    }

    static long packedDateTime(int year, int month, int day, int hour, int minute, int second, int micros) {
        long ymd = ((long) (year * 13 + month) << 5) | day;
        long hms = ((long) hour << 12) | ((long) minute << 6) | second;
        return (((ymd << 17) | hms) << 24) | micros;
    }
}
