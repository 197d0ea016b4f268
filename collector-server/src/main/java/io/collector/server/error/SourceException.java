package io.collector.server.error;

/** The source database cannot be used as it is (wrong binlog format, missing privilege, schema mismatch). */
public class SourceException extends CollectorException {

    public SourceException(String message) {
        super(message, false);
    }

    public SourceException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
