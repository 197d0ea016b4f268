package io.collector.server.publish.kafka;

import io.collector.server.error.CollectorException;

/**
 * A send or commit was refused because this server no longer leads the destination; retriable: the publisher
 * waits until it leads again or is stopped, keeping its batch.
 */
final class NotLeadingException extends CollectorException {

    NotLeadingException(String message) {
        super(message, true);
    }
}
