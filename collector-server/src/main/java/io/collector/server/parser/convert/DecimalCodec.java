package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;

import java.math.BigDecimal;

/**
 * Decodes MySQL's binary DECIMAL format (groups of nine digits in four big-endian bytes, sign in the top bit,
 * negative values stored inverted) into a {@link BigDecimal} whose scale is the column's scale.
 */
final class DecimalCodec {

    private static final int DIGITS_PER_WORD = 9;
    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS_OF_TEN = powersOfTen();
    private static final int MAX_LONG_PRECISION = 18;

    private DecimalCodec() {
    }

    /** The number of bytes a DECIMAL(precision, scale) value takes in a row image. */
    static int binarySize(int precision, int scale) {
        int intDigits = precision - scale;
        return sizeOf(intDigits) + sizeOf(scale);
    }

    /**
     * Decodes {@code bytes} (exactly {@link #binarySize} long); the array is modified.
     */
    static BigDecimal decode(int precision, int scale, byte[] bytes) {
        if (precision > MAX_LONG_PRECISION) {
            return AbstractRowsEventDataDeserializer.asBigDecimal(precision, scale, bytes).setScale(scale);
        }
        boolean positive = (bytes[0] & 0x80) != 0;
        bytes[0] ^= (byte) 0x80;
        int mask = positive ? 0 : 0xFF;
        int intDigits = precision - scale;
        long unscaled = 0;
        int pos = 0;
        int leading = intDigits % DIGITS_PER_WORD;
        int leadingBytes = BYTES_FOR_DIGITS[leading];
        unscaled = readWord(bytes, pos, leadingBytes, mask);
        pos += leadingBytes;
        for (int i = 0; i < intDigits / DIGITS_PER_WORD; i++, pos += 4) {
            unscaled = unscaled * POWERS_OF_TEN[DIGITS_PER_WORD] + readWord(bytes, pos, 4, mask);
        }
        for (int i = 0; i < scale / DIGITS_PER_WORD; i++, pos += 4) {
            unscaled = unscaled * POWERS_OF_TEN[DIGITS_PER_WORD] + readWord(bytes, pos, 4, mask);
        }
        int trailing = scale % DIGITS_PER_WORD;
        unscaled = unscaled * POWERS_OF_TEN[trailing] + readWord(bytes, pos, BYTES_FOR_DIGITS[trailing], mask);
        return BigDecimal.valueOf(positive ? unscaled : -unscaled, scale);
    }

    private static int sizeOf(int digits) {
        return (digits / DIGITS_PER_WORD) * 4 + BYTES_FOR_DIGITS[digits % DIGITS_PER_WORD];
    }

    private static long readWord(byte[] bytes, int offset, int length, int mask) {
        long result = 0;
        for (int i = offset; i < offset + length; i++) {
            result = (result << 8) | ((bytes[i] ^ mask) & 0xFF);
        }
        return result;
    }

    private static long[] powersOfTen() {
        long[] powers = new long[DIGITS_PER_WORD + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
