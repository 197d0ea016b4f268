package io.collector.server.parser.convert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian reads at absolute offsets of a binary JSON document. */
final class JsonBytes {

    private static final int MAX_VAR_INT_BYTES = 5;

    private final byte[] bytes;

    JsonBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    int u8(int offset) {
        return bytes[offset] & 0xFF;
    }

    int u16(int offset) {
        return u8(offset) | u8(offset + 1) << 8;
    }

    long u32(int offset) {
        return (u16(offset) | (long) u16(offset + 2) << 16);
    }

    long i64(int offset) {
        return u32(offset) | u32(offset + 4) << 32;
    }

    /** An element count, size or offset: two bytes in the small format, four in the large one. */
    long offsetOrSize(int offset, boolean large) {
        return large ? u32(offset) : u16(offset);
    }

    /** A length of 7 bits per byte, low bits first, continued while the top bit is set. */
    int varInt(int offset) {
        int result = 0;
        for (int i = 0; i < MAX_VAR_INT_BYTES; i++) {
            int b = u8(offset + i);
            result |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("Binary JSON length longer than " + MAX_VAR_INT_BYTES + " bytes");
    }

    int varIntSize(int offset) {
        int size = 1;
        while ((u8(offset + size - 1) & 0x80) != 0) {
            size++;
        }
        return size;
    }

    String utf8(int offset, int length) {
        checkRange(offset, length);
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    byte[] copy(int offset, int length) {
        checkRange(offset, length);
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    private void checkRange(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new ArrayIndexOutOfBoundsException("Binary JSON range " + offset + "+" + length
                + " outside " + bytes.length + " bytes");
        }
    }
}
