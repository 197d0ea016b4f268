package io.collector.server.parser.convert;

import java.io.IOException;

/** An event whose CRC32 checksum does not match its bytes: it was damaged on disk or on the way. */
public final class BinlogChecksumException extends IOException {

    public BinlogChecksumException(String message) {
        super(message);
    }
}
