package io.collector.server.parser.convert;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns MariaDB's compressed events ({@code log_bin_compress=ON}) back into their plain forms, byte for byte:
 * QUERY_COMPRESSED (165) into QUERY (2), WRITE/UPDATE/DELETE_ROWS_COMPRESSED_V1 (166-168) into the v1 rows
 * events (23-25) and WRITE/UPDATE/DELETE_ROWS_COMPRESSED (169-171) into the v2 ones (30-32).
 *
 * <p>MariaDB compresses the statement text of a query event (what follows the database name) and the row
 * images of a rows event (what follows the column bitmaps). A compressed block starts with one byte: bit 7
 * set, bits 6-4 the algorithm (0 = zlib), bits 2-0 how many bytes follow with the uncompressed length (big
 * endian); the zlib stream comes next.
 */
final class MariadbCompressedEvents {

    static final int QUERY_COMPRESSED = 165;
    static final int FIRST = 165;
    static final int LAST = 171;
    private static final int HEADER = 19;
    /** thread id 4, exec time 4, db length 1, error code 2, status vars length 2. */
    private static final int QUERY_POST_HEADER = 13;
    /** table id 6, flags 2. */
    private static final int ROWS_POST_HEADER = 8;
    private static final int TYPE_OFFSET = 4;
    private static final int LENGTH_OFFSET = 9;

    private MariadbCompressedEvents() {
    }

    static boolean isCompressed(int type) {
        return type >= FIRST && type <= LAST;
    }

    /** The type number of the plain form of compressed type {@code type}. */
    static int plainType(int type) {
        return switch (type) {
            case 165 -> 2;
            case 166, 167, 168 -> type - 166 + 23;
            case 169, 170, 171 -> type - 169 + 30;
            default -> throw new IllegalArgumentException("not a MariaDB compressed event type: " + type);
        };
    }

    /**
     * The plain event for a compressed {@code event} (header, body, and the checksum bytes copied as they
     * are; the caller verified them): header type and length are rewritten, all else is kept.
     */
    static byte[] expand(byte[] event, int checksumLength) throws IOException {
        int type = event[TYPE_OFFSET] & 0xff;
        int bodyEnd = event.length - checksumLength;
        int start = type == QUERY_COMPRESSED ? queryTextStart(event) : rowImagesStart(event, type);
        if (start > bodyEnd) {
            throw new IOException("compressed event type " + type + " is shorter than its own header (" + event.length
                    + " bytes)");
        }
        byte[] plain = uncompress(event, start, bodyEnd);
        byte[] out = new byte[start + plain.length + checksumLength];
        System.arraycopy(event, 0, out, 0, start);
        System.arraycopy(plain, 0, out, start, plain.length);
        System.arraycopy(event, bodyEnd, out, start + plain.length, checksumLength);
        out[TYPE_OFFSET] = (byte) plainType(type);
        writeLe32(out, LENGTH_OFFSET, out.length);
        return out;
    }

    private static int queryTextStart(byte[] event) {
        int dbLength = event[HEADER + 8] & 0xff;
        int statusLength = le16(event, HEADER + 11);
        return HEADER + QUERY_POST_HEADER + statusLength + dbLength + 1;
    }

    private static int rowImagesStart(byte[] event, int type) throws IOException {
        int p = HEADER + ROWS_POST_HEADER;
        if (type >= 169) {
            // v2: extra data, its 2-byte length counting itself
            p += le16(event, p);
        }
        int first = event[p] & 0xff;
        long columns;
        int size;
        switch (first) {
            case 252 -> { columns = le16(event, p + 1); size = 3; }
            case 253 -> { columns = le16(event, p + 1) | (event[p + 3] & 0xffL) << 16; size = 4; }
            case 254, 255, 251 -> throw new IOException("rows event with an invalid column count marker " + first);
            default -> { columns = first; size = 1; }
        }
        int bitmap = (int) ((columns + 7) / 8);
        boolean update = type == 167 || type == 170;
        return p + size + bitmap * (update ? 2 : 1);
    }

    private static byte[] uncompress(byte[] event, int from, int to) throws IOException {
        int marker = event[from] & 0xff;
        int algorithm = (marker & 0x70) >> 4;
        int lengthBytes = marker & 0x07;
        if ((marker & 0x80) == 0 || algorithm != 0 || lengthBytes < 1 || lengthBytes > 4) {
            throw new IOException("unknown MariaDB compression header 0x" + Integer.toHexString(marker)
                    + " (only zlib, algorithm 0, is defined)");
        }
        long length = 0;
        for (int i = 1; i <= lengthBytes; i++) {
            length = length << 8 | (event[from + i] & 0xff);
        }
        return inflate(Arrays.copyOfRange(event, from + 1 + lengthBytes, to), (int) length);
    }

    private static byte[] inflate(byte[] compressed, int length) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            // one byte of room more than announced, so a longer stream shows as such
            byte[] out = new byte[length + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != length || !inflater.finished()) {
                throw new IOException("zlib data of a compressed event gave " + (inflater.finished() ? "" : "at least ")
                        + n + " bytes, its header says " + length);
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new IOException("corrupt zlib data in a compressed event: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static void writeLe32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
