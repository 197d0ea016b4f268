package io.collector.server.parser.convert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values as MySQL binary JSON (json_binary.h), for tests: Map → object, List → array,
 * null/Boolean → literal, Integer → int16 or int32, Long → int64, Double → double, String → string, and the
 * wrapper records for unsigned and opaque values.
 */
final class JsonBinaryWriter {

    record UInt16(int value) { }

    record UInt32(long value) { }

    record UInt64(long value) { }

    record Opaque(int fieldType, byte[] data) { }

    private final boolean large;

    private JsonBinaryWriter(boolean large) {
        this.large = large;
    }

    static byte[] small(Object value) {
        return new JsonBinaryWriter(false).document(value);
    }

    static byte[] large(Object value) {
        return new JsonBinaryWriter(true).document(value);
    }

    private byte[] document(Object value) {
        return new TestBytes().u8(type(value)).bytes(body(value)).toBytes();
    }

    private int type(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0x04;
        }
        if (value instanceof Integer i) {
            return i == (short) (int) i ? 0x05 : 0x07;
        }
        if (value instanceof Map<?, ?>) {
            return large ? 0x01 : 0x00;
        }
        if (value instanceof List<?>) {
            return large ? 0x03 : 0x02;
        }
        return scalarType(value);
    }

    private static int scalarType(Object value) {
        if (value instanceof UInt16) {
            return 0x06;
        }
        if (value instanceof UInt32) {
            return 0x08;
        }
        if (value instanceof Long) {
            return 0x09;
        }
        if (value instanceof UInt64) {
            return 0x0A;
        }
        if (value instanceof Double) {
            return 0x0B;
        }
        return value instanceof String ? 0x0C : 0x0F;
    }

    private byte[] body(Object value) {
        TestBytes out = new TestBytes();
        if (value == null) {
            return out.u8(0).toBytes();
        }
        if (value instanceof Boolean b) {
            return out.u8(b ? 1 : 2).toBytes();
        }
        if (value instanceof Integer i) {
            return out.le(i, i == (short) (int) i ? 2 : 4).toBytes();
        }
        if (value instanceof Map<?, ?> map) {
            return container(new ArrayList<>(map.keySet()), new ArrayList<>(map.values()));
        }
        if (value instanceof List<?> list) {
            return container(null, new ArrayList<>(list));
        }
        return scalarBody(value);
    }

    private static byte[] scalarBody(Object value) {
        TestBytes out = new TestBytes();
        if (value instanceof UInt16 u) {
            return out.le(u.value(), 2).toBytes();
        }
        if (value instanceof UInt32 u) {
            return out.le(u.value(), 4).toBytes();
        }
        if (value instanceof Long l) {
            return out.le(l, 8).toBytes();
        }
        if (value instanceof UInt64 u) {
            return out.le(u.value(), 8).toBytes();
        }
        if (value instanceof Double d) {
            return out.le(Double.doubleToLongBits(d), 8).toBytes();
        }
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return varInt(out, utf8.length).bytes(utf8).toBytes();
        }
        Opaque opaque = (Opaque) value;
        return varInt(out.u8(opaque.fieldType()), opaque.data().length).bytes(opaque.data()).toBytes();
    }

    private static TestBytes varInt(TestBytes out, int value) {
        int rest = value;
        while (rest >= 0x80) {
            out.u8((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        return out.u8(rest);
    }

    private boolean inlined(Object value) {
        int type = type(value);
        return type == 0x04 || type == 0x05 || type == 0x06 || (large && (type == 0x07 || type == 0x08));
    }

    private byte[] container(List<?> keys, List<?> values) {
        int offsetSize = large ? 4 : 2;
        int count = values.size();
        int header = 2 * offsetSize + (keys != null ? count * (offsetSize + 2) : 0) + count * (1 + offsetSize);
        TestBytes keyBytes = new TestBytes();
        TestBytes keyEntries = new TestBytes();
        for (int i = 0; keys != null && i < count; i++) {
            byte[] key = ((String) keys.get(i)).getBytes(StandardCharsets.UTF_8);
            keyEntries.le(header + keyBytes.size(), offsetSize).le(key.length, 2);
            keyBytes.bytes(key);
        }
        TestBytes valueBytes = new TestBytes();
        TestBytes valueEntries = new TestBytes();
        for (Object value : values) {
            valueEntries.u8(type(value));
            if (inlined(value)) {
                valueEntries.bytes(padded(body(value), offsetSize));
            } else {
                valueEntries.le(header + keyBytes.size() + valueBytes.size(), offsetSize);
                valueBytes.bytes(body(value));
            }
        }
        int size = header + keyBytes.size() + valueBytes.size();
        return new TestBytes().le(count, offsetSize).le(size, offsetSize).bytes(keyEntries.toBytes())
            .bytes(valueEntries.toBytes()).bytes(keyBytes.toBytes()).bytes(valueBytes.toBytes()).toBytes();
    }

    private static byte[] padded(byte[] bytes, int length) {
        byte[] result = new byte[length];
        System.arraycopy(bytes, 0, result, 0, Math.min(bytes.length, length));
        return result;
    }
}
