package io.collector.server.parser.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Protobuf wire format written into an array of exactly the size the caller computed, with the same bytes
 * {@link CodedOutputStream} writes for the same calls; text comes already encoded as UTF-8
 * ({@link TextBytes}).
 */
final class ProtoWriter {

    private final byte[] buffer;
    private int position;

    ProtoWriter(byte[] buffer) {
        this.buffer = buffer;
    }

    /** The UTF-8 length of {@code text} when all its characters are ASCII, else -1. */
    static int asciiLength(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return -1;
            }
        }
        return n;
    }

    void tag(int field, int wireType) {
        int tag = (field << 3) | wireType;
        if (field < 16) {
            buffer[position++] = (byte) tag;
        } else {
            varint(tag);
        }
    }

    /** A length-delimited field's tag and length; its content follows. */
    void lengthDelimited(int field, int length) {
        tag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        varint(length & 0xFFFFFFFFL);
    }

    /** An int32 field: a negative value takes ten bytes, as protobuf sign-extends it. */
    void int32(int field, int value) {
        tag(field, WireFormat.WIRETYPE_VARINT);
        varint(value);
    }

    void int64(int field, long value) {
        tag(field, WireFormat.WIRETYPE_VARINT);
        varint(value);
    }

    void bool(int field, boolean value) {
        tag(field, WireFormat.WIRETYPE_VARINT);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    void bytes(int field, ByteString value) {
        lengthDelimited(field, value.size());
        value.copyTo(buffer, position);
        position += value.size();
    }

    /** A bytes or string field: the {@code length} bytes of {@code value} at {@code offset}. */
    void bytes(int field, byte[] value, int offset, int length) {
        lengthDelimited(field, length);
        System.arraycopy(value, offset, buffer, position, length);
        position += length;
    }

    /** Bytes that are protobuf fields already. */
    void raw(byte[] fields) {
        System.arraycopy(fields, 0, buffer, position, fields.length);
        position += fields.length;
    }

    /** A message field of {@code size} serialized bytes. */
    void message(int field, MessageLite message, int size) {
        lengthDelimited(field, size);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, position, size);
        try {
            message.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("message size miscounted", e);
        }
        position += size;
    }

    /** Bytes written so far. */
    int position() {
        return position;
    }

    /** Checks that the array is full: the sizes computed beforehand were right. */
    void checkFull() {
        if (position != buffer.length) {
            throw new IllegalStateException("wrote " + position + " bytes into an array of " + buffer.length);
        }
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }
}
