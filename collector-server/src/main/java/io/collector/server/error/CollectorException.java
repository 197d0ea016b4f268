package io.collector.server.error;

/** Base of the server's unchecked exceptions. {@link #retriable()} says whether trying again may help. */
public class CollectorException extends RuntimeException {

    private final boolean retriable;

    public CollectorException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public CollectorException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
