package io.collector.server.error;

/**
 * A binlog event at a known position that cannot be delivered: a type the collector does not support, or one
 * that failed to decode again and again at the same position. Restarting cannot help until the source or the
 * start position changes, so the destination is FAILED at once; the message names the position, the event
 * header and what to change.
 */
public class PoisonEventException extends SourceException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
