package io.collector.server.parser.convert;

import java.nio.charset.StandardCharsets;

/**
 * Renders MySQL's binary JSON (the JSON column's row-image bytes) as Canal's text: {@code ", "} and {@code ": "}
 * separators, doubles via {@link Double#toString}, decimals unquoted, date-times quoted with six fraction digits,
 * strings and keys escaped by {@link JsonEscaper}. A document not in the binary format (first byte above 0x0F) is
 * returned as UTF-8 text; an empty value is {@code ""}.
 */
final class JsonText {

    private static final int SMALL_OBJECT = 0x00;
    private static final int LARGE_OBJECT = 0x01;
    private static final int SMALL_ARRAY = 0x02;
    private static final int LARGE_ARRAY = 0x03;
    private static final int LITERAL = 0x04;
    private static final int INT16 = 0x05;
    private static final int UINT16 = 0x06;
    private static final int INT32 = 0x07;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0A;
    private static final int DOUBLE = 0x0B;
    private static final int STRING = 0x0C;
    private static final int OPAQUE = 0x0F;

    private final JsonBytes doc;
    private final StringBuilder out;

    private JsonText(byte[] bytes) {
        this.doc = new JsonBytes(bytes);
        this.out = new StringBuilder(bytes.length + 16);
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a well-formed binary JSON document
     */
    static String format(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        if ((bytes[0] & 0xFF) > OPAQUE) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        JsonText text = new JsonText(bytes);
        try {
            text.value(bytes[0] & 0xFF, 1);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Truncated binary JSON value", e);
        }
        return text.out.toString();
    }

    private void value(int type, int offset) {
        switch (type) {
            case SMALL_OBJECT -> container(offset, false, true);
            case LARGE_OBJECT -> container(offset, true, true);
            case SMALL_ARRAY -> container(offset, false, false);
            case LARGE_ARRAY -> container(offset, true, false);
            case LITERAL -> literal(doc.u8(offset));
            case INT16 -> out.append((short) doc.u16(offset));
            case UINT16 -> out.append(doc.u16(offset));
            case INT32 -> out.append((int) doc.u32(offset));
            case UINT32 -> out.append(doc.u32(offset));
            case INT64 -> out.append(doc.i64(offset));
            case UINT64 -> out.append(Long.toUnsignedString(doc.i64(offset)));
            case DOUBLE -> out.append(Double.toString(Double.longBitsToDouble(doc.i64(offset))));
            case STRING -> quoted(doc.utf8(offset + doc.varIntSize(offset), doc.varInt(offset)));
            case OPAQUE -> JsonOpaque.append(out, doc, offset);
            default -> throw new IllegalArgumentException("Unknown binary JSON value type " + type);
        }
    }

    private void container(int base, boolean large, boolean object) {
        int offsetSize = large ? 4 : 2;
        int count = (int) doc.offsetOrSize(base, large);
        int keyEntries = base + 2 * offsetSize;
        int valueEntries = keyEntries + (object ? count * (offsetSize + 2) : 0);
        out.append(object ? '{' : '[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (object) {
                key(base, keyEntries + i * (offsetSize + 2), large);
            }
            element(base, valueEntries + i * (1 + offsetSize), large);
        }
        out.append(object ? '}' : ']');
    }

    private void key(int base, int entry, boolean large) {
        int keyOffset = (int) doc.offsetOrSize(entry, large);
        int keyLength = doc.u16(entry + (large ? 4 : 2));
        quoted(doc.utf8(base + keyOffset, keyLength));
        out.append(": ");
    }

    private void element(int base, int entry, boolean large) {
        int type = doc.u8(entry);
        boolean inlined = type == LITERAL || type == INT16 || type == UINT16
            || (large && (type == INT32 || type == UINT32));
        value(type, inlined ? entry + 1 : base + (int) doc.offsetOrSize(entry + 1, large));
    }

    private void literal(int literal) {
        switch (literal) {
            case 0 -> out.append("null");
            case 1 -> out.append("true");
            case 2 -> out.append("false");
            default -> throw new IllegalArgumentException("Unknown binary JSON literal " + literal);
        }
    }

    private void quoted(String text) {
        out.append('"');
        JsonEscaper.append(out, text);
        out.append('"');
    }
}
