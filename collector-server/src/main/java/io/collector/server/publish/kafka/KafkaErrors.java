package io.collector.server.publish.kafka;

import io.collector.server.error.CollectorException;
import io.collector.server.error.ConfigException;
import io.collector.server.error.FencedException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * The one place that decides what a Kafka client error means for the publisher: a record too large for the
 * producer, broker or topic (stop for good, naming the record: see {@link OversizedRecord}), fenced (stop for
 * good), a configuration the client rejects (stop for good), an interrupt (the publisher is stopping), or
 * anything else (retry the batch after a backoff).
 */
final class KafkaErrors {

    /** What the publisher does about an error. */
    enum Kind { FENCED, CONFIG, INTERRUPTED, TOO_LARGE, RETRIABLE }

    private KafkaErrors() {
    }

    static Kind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return Kind.TOO_LARGE;
            }
            if (t instanceof ProducerFencedException || t instanceof FencedException) {
                return Kind.FENCED;
            }
            if (t instanceof InterruptException || t instanceof InterruptedException) {
                return Kind.INTERRUPTED;
            }
            if (t instanceof org.apache.kafka.common.config.ConfigException || t instanceof ConfigException) {
                return Kind.CONFIG;
            }
        }
        return Kind.RETRIABLE;
    }

    /**
     * The exception the publisher acts on: a {@link FencedException}, a {@link ConfigException}, an
     * {@link InterruptedException}, or a retriable {@link CollectorException} naming {@code what} failed.
     */
    static Exception translate(String destination, String what, Throwable error) {
        String message = what + ": " + describe(error);
        return switch (classify(error)) {
            case FENCED -> error instanceof FencedException f ? f : new FencedException(message
                    + " (another process runs destination " + destination + " with the same transactional.id)",
                    error);
            case CONFIG -> error instanceof ConfigException c ? c : new ConfigException(message, error);
            case INTERRUPTED -> interrupted(error);
            case TOO_LARGE -> error instanceof CollectorException c && !c.retriable() ? c
                    : new CollectorException(message + "; raise kafka.max.request.size and the broker's "
                    + "message.max.bytes (or the topic's max.message.bytes)", false, error);
            case RETRIABLE -> error instanceof CollectorException c && c.retriable() ? c
                    : new CollectorException(message, true, error);
        };
    }

    private static InterruptedException interrupted(Throwable error) {
        Thread.interrupted();
        InterruptedException e = new InterruptedException("interrupted while publishing");
        e.initCause(error);
        return e;
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
