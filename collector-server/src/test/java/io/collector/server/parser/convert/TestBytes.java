package io.collector.server.parser.convert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A little byte writer for hand-made binlog structures. */
final class TestBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestBytes le(long value, int length) {
        for (int i = 0; i < length; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    TestBytes be(long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    TestBytes u8(int... values) {
        for (int value : values) {
            out.write(value & 0xFF);
        }
        return this;
    }

    TestBytes bytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    TestBytes utf8(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** MySQL's length-encoded integer. */
    TestBytes packed(long value) {
        if (value < 251) {
            return u8((int) value);
        }
        if (value < 1 << 16) {
            return u8(0xFC).le(value, 2);
        }
        if (value < 1 << 24) {
            return u8(0xFD).le(value, 3);
        }
        return u8(0xFE).le(value, 8);
    }

    int size() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] of(int... values) {
        return new TestBytes().u8(values).toBytes();
    }
}
