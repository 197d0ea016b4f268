package io.collector.server.parser.convert;

import java.math.BigDecimal;
import java.math.BigInteger;

/** MySQL's binary DECIMAL encoding ({@code decimal2bin}), for tests. */
final class MysqlDecimal {

    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final BigInteger BILLION = BigInteger.TEN.pow(9);

    private MysqlDecimal() {
    }

    static byte[] encode(BigDecimal value, int precision, int scale) {
        BigInteger unscaled = value.setScale(scale).unscaledValue();
        BigInteger[] parts = unscaled.abs().divideAndRemainder(BigInteger.TEN.pow(scale));
        int intDigits = precision - scale;
        TestBytes out = new TestBytes();
        int fullIntWords = intDigits / 9;
        BigInteger intPart = parts[0];
        out.be(intPart.divide(BILLION.pow(fullIntWords)).longValueExact(), BYTES_FOR_DIGITS[intDigits % 9]);
        for (int k = fullIntWords - 1; k >= 0; k--) {
            out.be(intPart.divide(BILLION.pow(k)).mod(BILLION).longValueExact(), 4);
        }
        BigInteger fraction = parts[1];
        for (int k = 0; k < scale / 9; k++) {
            out.be(fraction.divide(BigInteger.TEN.pow(scale - 9 * (k + 1))).mod(BILLION).longValueExact(), 4);
        }
        int trailing = scale % 9;
        out.be(fraction.mod(BigInteger.TEN.pow(trailing)).longValueExact(), BYTES_FOR_DIGITS[trailing]);
        byte[] bytes = out.toBytes();
        bytes[0] ^= (byte) 0x80;
        if (unscaled.signum() < 0) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
        }
        return bytes;
    }
}
