package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes errors no caller waits for to the user's listener, which must not break the event loop. */
final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private final String logPrefix;
    private final Consumer<? super CollectorClientException> listener;

    ErrorReporter(String logPrefix, Consumer<? super CollectorClientException> listener) {
        this.logPrefix = logPrefix;
        this.listener = listener;
    }

    void report(CollectorClientException error) {
        try {
            listener.accept(error);
        } catch (RuntimeException e) {
            LOG.error("{} the error listener threw while handling \"{}\"", logPrefix, error.getMessage(), e);
        }
    }
}
