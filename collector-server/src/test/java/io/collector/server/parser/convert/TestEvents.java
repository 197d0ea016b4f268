package io.collector.server.parser.convert;

import java.nio.charset.StandardCharsets;

/** Binlog v4 events built byte by byte, for tests (no checksums). */
final class TestEvents {

    static final int HEADER_LENGTH = 19;

    private TestEvents() {
    }

    static byte[] event(int type, byte[] body) {
        return new TestBytes().le(1700000000L, 4).u8(type).le(1, 4).le(HEADER_LENGTH + body.length, 4)
            .le(0, 4).le(0, 2).bytes(body).toBytes();
    }

    /**
     * A TABLE_MAP event body.
     *
     * @param metadata the column metadata block, already encoded as MySQL writes it
     */
    static byte[] tableMap(long tableId, String db, String table, int[] types, byte[] metadata) {
        TestBytes out = new TestBytes().le(tableId, 6).le(1, 2);
        name(out, db);
        name(out, table);
        out.packed(types.length);
        for (int type : types) {
            out.u8(type);
        }
        out.packed(metadata.length).bytes(metadata);
        return out.bytes(allSet(types.length)).toBytes();
    }

    /** A v2 (MySQL EXT_*) WRITE/DELETE rows body header; append rows after it. */
    static TestBytes rowsV2(long tableId, int columns, byte[] included) {
        return new TestBytes().le(tableId, 6).le(1, 2).le(2, 2).packed(columns).bytes(included);
    }

    /** A v1 (MariaDB) UPDATE rows body header; append (before, after) row pairs after it. */
    static TestBytes updateV1(long tableId, int columns, byte[] includedBefore, byte[] includedAfter) {
        return new TestBytes().le(tableId, 6).le(1, 2).packed(columns).bytes(includedBefore).bytes(includedAfter);
    }

    /** A v1 (MariaDB) WRITE/DELETE rows body header. */
    static TestBytes rowsV1(long tableId, int columns, byte[] included) {
        return new TestBytes().le(tableId, 6).le(1, 2).packed(columns).bytes(included);
    }

    static byte[] allSet(int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        for (int i = 0; i < bits; i++) {
            bytes[i / 8] |= (byte) (1 << (i % 8));
        }
        return bytes;
    }

    private static void name(TestBytes out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.u8(bytes.length).bytes(bytes).u8(0);
    }
}
