package io.collector.client;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf's wire format from an array, with limits for nested messages, as {@code CodedInputStream}
 * does but over the array of a received entry itself: strings are decoded from it and column names compared
 * in it, without an object per field. Malformed input (a truncated field, a bad varint, a zero tag, an
 * unknown wire type, an unmatched group end) throws {@link InvalidProtocolBufferException}.
 *
 * <p>Not thread-safe.
 */
final class WireReader {

    private final byte[] buf;
    private int pos;
    private int limit;

    private WireReader(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    /** A reader of {@code bytes}: over its own array when it is one slice of one (as received), else a copy. */
    static WireReader of(ByteString bytes) {
        Slice slice = new Slice();
        try {
            UnsafeByteOperations.unsafeWriteTo(bytes, slice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (slice.parts == 1 && slice.array != null) {
            return new WireReader(slice.array, slice.offset, slice.offset + slice.length);
        }
        byte[] copy = bytes.toByteArray();
        return new WireReader(copy, 0, copy.length);
    }

    int position() {
        return pos;
    }

    /** The next tag, or 0 at the current limit. */
    int readTag() throws InvalidProtocolBufferException {
        if (pos >= limit) {
            return 0;
        }
        int tag = (int) readVarint64();
        if (WireFormat.getTagFieldNumber(tag) == 0) {
            throw new InvalidProtocolBufferException("Protocol message contained an invalid tag (zero).");
        }
        return tag;
    }

    long readVarint64() throws InvalidProtocolBufferException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw truncated();
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new InvalidProtocolBufferException("CodedInputStream encountered a malformed varint.");
    }

    boolean readBool() throws InvalidProtocolBufferException {
        return readVarint64() != 0;
    }

    /** Reads a length prefix and checks that many bytes remain before the limit. */
    int readLength() throws InvalidProtocolBufferException {
        int length = (int) readVarint64();
        if (length < 0 || length > limit - pos) {
            throw truncated();
        }
        return length;
    }

    /** Reads a length-delimited field as UTF-8 text (malformed sequences replaced, as protobuf's strings). */
    String readString() throws InvalidProtocolBufferException {
        int length = readLength();
        String value = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    /** Whether the {@code length} bytes at {@code start} equal {@code other}. */
    boolean bytesEqual(int start, int length, byte[] other) {
        return Arrays.equals(buf, start, start + length, other, 0, other.length);
    }

    String string(int start, int length) {
        return new String(buf, start, length, StandardCharsets.UTF_8);
    }

    byte[] bytes(int start, int length) {
        return Arrays.copyOfRange(buf, start, start + length);
    }

    void skip(int length) throws InvalidProtocolBufferException {
        if (length < 0 || length > limit - pos) {
            throw truncated();
        }
        pos += length;
    }

    /** Limits reading to the next {@code length} bytes; returns the limit to restore. */
    int pushLimit(int length) {
        int old = limit;
        limit = pos + length;
        return old;
    }

    /** Restores a limit after checking that the nested message was read exactly to its end. */
    void popLimit(int old) throws InvalidProtocolBufferException {
        if (pos != limit) {
            throw new InvalidProtocolBufferException("a nested message ends before its length");
        }
        limit = old;
    }

    /** Positions the reader at {@code position} (within the current limit). */
    void seek(int position) {
        pos = position;
    }

    /** Skips a field whose tag was just read. */
    void skipField(int tag) throws InvalidProtocolBufferException {
        switch (WireFormat.getTagWireType(tag)) {
            case WireFormat.WIRETYPE_VARINT -> readVarint64();
            case WireFormat.WIRETYPE_FIXED64 -> skip(8);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> skip(readLength());
            case WireFormat.WIRETYPE_START_GROUP -> skipGroup(WireFormat.getTagFieldNumber(tag));
            case WireFormat.WIRETYPE_FIXED32 -> skip(4);
            default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
        }
    }

    private void skipGroup(int field) throws InvalidProtocolBufferException {
        for (int tag = readTag(); ; tag = readTag()) {
            if (tag == 0) {
                throw truncated();
            }
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_END_GROUP) {
                if (WireFormat.getTagFieldNumber(tag) != field) {
                    throw new InvalidProtocolBufferException("Protocol message end-group tag did not match.");
                }
                return;
            }
            skipField(tag);
        }
    }

    private static InvalidProtocolBufferException truncated() {
        return new InvalidProtocolBufferException("While parsing a protocol message, the input ended unexpectedly "
                + "in the middle of a field.");
    }

    /** Captures the array behind a {@link ByteString} that is one slice of one array. */
    private static final class Slice extends ByteOutput {
        private byte[] array;
        private int offset;
        private int length;
        private int parts;

        @Override
        public void writeLazy(byte[] value, int off, int len) {
            parts++;
            array = value;
            offset = off;
            length = len;
        }

        @Override
        public void write(byte[] value, int off, int len) {
            parts += 2;
        }

        @Override
        public void write(byte value) {
            parts += 2;
        }

        @Override
        public void write(ByteBuffer value) {
            parts += 2;
        }

        @Override
        public void writeLazy(ByteBuffer value) {
            parts += 2;
        }
    }
}
