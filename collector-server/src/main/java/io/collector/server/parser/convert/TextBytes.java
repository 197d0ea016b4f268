package io.collector.server.parser.convert;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable array of value texts in UTF-8, each written as protobuf writes a string field's content (a String
 * beyond ASCII through {@link String#getBytes(Charset)}, which makes an unpaired surrogate {@code ?}). Numbers,
 * temporal values and ASCII text are written byte by byte, without a String in between.
 *
 * <p>Not thread-safe.
 */
final class TextBytes {

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LONG_DIGITS = 20;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private byte[] bytes;
    private int length;

    TextBytes(int capacity) {
        bytes = new byte[capacity];
    }

    /** Bytes written so far. */
    int length() {
        return length;
    }

    /** The array the bytes are in; valid until the next write. */
    byte[] array() {
        return bytes;
    }

    /** Room the array has (for tests). */
    int capacity() {
        return bytes.length;
    }

    /** Forgets what was written; an array larger than {@code keep} bytes is replaced by one of {@code initial}. */
    void clear(int keep, int initial) {
        length = 0;
        if (bytes.length > keep) {
            bytes = new byte[initial];
        }
    }

    /** Whether the {@code aLength} bytes at {@code a} equal the {@code bLength} bytes at {@code b}. */
    boolean same(int a, int aLength, int b, int bLength) {
        return Arrays.equals(bytes, a, a + aLength, bytes, b, b + bLength);
    }

    /** The text written since {@code from}. */
    String textSince(int from) {
        return new String(bytes, from, length - from, StandardCharsets.UTF_8);
    }

    /** One character, normally ASCII (a digit or a separator). */
    void ascii(char c) {
        if (c >= 0x80) {
            text(String.valueOf(c));
            return;
        }
        ensure(1);
        bytes[length++] = (byte) c;
    }

    /** A text of ASCII characters only (a number's or a date's text). */
    void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /** Any text, as protobuf encodes it. */
    void text(String text) {
        if (ProtoWriter.asciiLength(text) >= 0) {
            ascii(text);
        } else {
            raw(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bytes that are UTF-8 already. */
    void raw(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    /** The text of {@code latin1} read as ISO-8859-1 (each byte one character), in UTF-8. */
    void latin1(byte[] latin1) {
        ensure(2 * latin1.length);
        for (byte b : latin1) {
            if (b >= 0) {
                bytes[length++] = b;
            } else {
                bytes[length++] = (byte) (0xC0 | ((b & 0xFF) >> 6));
                bytes[length++] = (byte) (0x80 | (b & 0x3F));
            }
        }
    }

    /** {@code value} as {@link Long#toString(long)} writes it. */
    void digits(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(MAX_LONG_DIGITS);
        if (value < 0) {
            bytes[length++] = '-';
        }
        unsignedDigits(Math.abs(value), 1);
    }

    /** A non-negative {@code value} with at least {@code minDigits} digits, zeros in front. */
    void unsignedDigits(long value, int minDigits) {
        int n = Math.max(minDigits, digitCount(value));
        ensure(n);
        int i = length + n - 1;
        long rest = value;
        for (; rest > Integer.MAX_VALUE; i--) {
            bytes[i] = DIGITS[(int) (rest % 10)];
            rest /= 10;
        }
        for (int small = (int) rest; i >= length; i--) {
            bytes[i] = DIGITS[small % 10];
            small /= 10;
        }
        length += n;
    }

    /** The digits of a non-negative value: from its bit length (log10(2) ~ 1233 / 4096), then one comparison. */
    static int digitCount(long nonNegative) {
        int bits = 64 - Long.numberOfLeadingZeros(nonNegative | 1);
        int n = (bits * 1233) >>> 12;
        return n == 0 || nonNegative >= POWERS_OF_TEN[n] ? n + 1 : n;
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
