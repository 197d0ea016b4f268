package io.collector.server.parser.convert;

import java.io.InputStream;
import java.util.Objects;

/**
 * The bytes of one event as an {@link InputStream} for the connector's
 * {@link com.github.shyiko.mysql.binlog.io.ByteArrayInputStream}, which reads most cells byte by byte: unlike
 * {@link java.io.ByteArrayInputStream} its methods are not synchronized, so a read costs no lock. Confined to
 * the thread that decodes the event.
 */
final class ArrayInput extends InputStream {

    private final byte[] bytes;
    private int position;
    private int mark;

    ArrayInput(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (position >= bytes.length) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = Math.min(length, bytes.length - position);
        System.arraycopy(bytes, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, bytes.length - position));
        position += (int) skipped;
        return skipped;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        mark = position;
    }

    @Override
    public void reset() {
        position = mark;
    }
}
