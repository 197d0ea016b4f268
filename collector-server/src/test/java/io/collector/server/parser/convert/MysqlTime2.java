package io.collector.server.parser.convert;

/** MySQL's TIME2 encoding of a packed time ({@code my_time_packed_to_binary}), for tests. */
final class MysqlTime2 {

    private static final long INT_OFFSET = 0x800000L;
    private static final long OFFSET = 0x800000000000L;

    private MysqlTime2() {
    }

    static byte[] encode(long packed, int fsp) {
        long intPart = packed >> 24;
        long fraction = packed % (1L << 24);
        return switch (fsp) {
            case 1, 2 -> new TestBytes().be(INT_OFFSET + intPart, 3).u8((int) (fraction / 10000)).toBytes();
            case 3, 4 -> new TestBytes().be(INT_OFFSET + intPart, 3).be(fraction / 100, 2).toBytes();
            case 5, 6 -> new TestBytes().be(packed + OFFSET, 6).toBytes();
            default -> new TestBytes().be(INT_OFFSET + intPart, 3).toBytes();
        };
    }
}
