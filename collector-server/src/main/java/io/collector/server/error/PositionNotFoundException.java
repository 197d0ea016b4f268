package io.collector.server.error;

/** The wanted binlog position no longer exists on the source (purged), or never did. */
public class PositionNotFoundException extends CollectorException {

    public PositionNotFoundException(String message) {
        super(message, false);
    }
}
