package io.collector.server.publish;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 JSON buffer for writers that know their document's shape, without a generator's state
 * machine: the caller writes the punctuation. Strings are escaped exactly as Jackson's default
 * {@code UTF8JsonGenerator} escapes them (what the FlatMessage format was first written with, byte for byte):
 * {@code "} and {@code \} with a backslash, {@code \b \t \n \f \r} short, the other control characters
 * {@code \\u00XX}, every UTF-16 surrogate {@code \\uXXXX} (upper-case hex), other characters as UTF-8. Not
 * thread-safe.
 */
final class Utf8JsonBuffer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** For each ASCII character: 0 if written as it is, the letter of a short escape, or -1 for {@code \\u00XX}. */
    private static final int[] ESCAPES = escapes();

    private byte[] buf;
    private int size;

    Utf8JsonBuffer(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    private static int[] escapes() {
        int[] e = new int[128];
        Arrays.fill(e, 0, 32, -1);
        e['"'] = '"';
        e['\\'] = '\\';
        e['\b'] = 'b';
        e['\t'] = 't';
        e['\f'] = 'f';
        e['\n'] = 'n';
        e['\r'] = 'r';
        return e;
    }

    void reset() {
        size = 0;
    }

    /** A copy of what was written. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Bytes as they are: punctuation and keys encoded beforehand. */
    Utf8JsonBuffer raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    Utf8JsonBuffer raw(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    Utf8JsonBuffer nullValue() {
        return raw(NULL);
    }

    Utf8JsonBuffer bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    /** A number as {@link Long#toString(long)} writes it. */
    Utf8JsonBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
        ensure(20);
        if (value < 0) {
            buf[size++] = '-';
            value = -value;
        }
        int digits = digits(value);
        for (int at = size + digits - 1; at >= size; at--) {
            buf[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
        return this;
    }

    private static int digits(long positive) {
        int n = 1;
        for (long v = positive; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }

    /** A quoted, escaped string; {@code null} writes {@code null}. */
    Utf8JsonBuffer string(String s) {
        if (s == null) {
            return nullValue();
        }
        int n = s.length();
        ensure(n + 2);
        buf[size++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || ESCAPES[c] != 0) {
                break;
            }
            buf[size++] = (byte) c;
        }
        if (i < n) {
            escapedTail(s, i);
        }
        ensure(1);
        buf[size++] = '"';
        return this;
    }

    /** The rest of a string from its first character that is not plain ASCII, at most 6 bytes per character. */
    private void escapedTail(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            ensure(6);
            char c = s.charAt(i);
            if (c < 128) {
                ascii(c);
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xc0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                buf[size++] = (byte) (0xe0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[size++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    /**
     * A quoted string from UTF-8 bytes, copied as they are but for the ASCII characters JSON needs escaped (as
     * Jackson's {@code writeUTF8String}).
     */
    Utf8JsonBuffer utf8String(ByteString utf8) {
        int n = utf8.size();
        ensure(n + 2);
        buf[size++] = '"';
        utf8.copyTo(buf, size);
        int plain = 0;
        while (plain < n && (buf[size + plain] < 0 || ESCAPES[buf[size + plain]] == 0)) {
            plain++;
        }
        size += plain;
        for (int i = plain; i < n; i++) {
            ensure(6);
            byte b = utf8.byteAt(i);
            if (b < 0) {
                buf[size++] = b;
            } else {
                ascii((char) b);
            }
        }
        ensure(1);
        buf[size++] = '"';
        return this;
    }

    private void ascii(char c) {
        int escape = ESCAPES[c];
        if (escape == 0) {
            buf[size++] = (byte) c;
        } else if (escape > 0) {
            buf[size++] = '\\';
            buf[size++] = (byte) escape;
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        buf[size++] = '\\';
        buf[size++] = 'u';
        buf[size++] = HEX[(c >> 12) & 0xf];
        buf[size++] = HEX[(c >> 8) & 0xf];
        buf[size++] = HEX[(c >> 4) & 0xf];
        buf[size++] = HEX[c & 0xf];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
        }
    }
}
