package io.collector.server.parser;

import io.collector.server.error.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how often the parser reads an event that fails again at the same position: {@code retries} times
 * for a decode failure, once for a checksum mismatch (a damaged network read heals; a damaged file does not).
 * Then the event is a poison event and the destination stops. Used by the parser thread only.
 */
final class DecodeRetries {

    private static final Logger LOG = LoggerFactory.getLogger(DecodeRetries.class);

    private final String destination;
    private final int retries;
    private String position;
    private int failures;

    DecodeRetries(String destination, int retries) {
        this.destination = destination;
        this.retries = retries;
    }

    /** Counts a failure; throws {@link PoisonEventException} once no retry is left for its position. */
    void failed(EventFailure failure) {
        if (!failure.position().equals(position)) {
            position = failure.position();
            failures = 0;
        }
        failures++;
        int allowed = failure.checksum() ? Math.min(1, retries) : retries;
        if (failures > allowed) {
            throw new PoisonEventException("[destination=" + destination + "] cannot read the " + failure + "; "
                    + failures + " attempts from the last transaction boundary failed the same way. " + advice(failure),
                    failure.cause());
        }
        LOG.warn("[destination={}] cannot read the {}; retry {} of {} from the last transaction boundary",
                destination, failure, failures, allowed);
    }

    private static String advice(EventFailure failure) {
        return failure.checksum()
                ? "The binlog file is damaged at that position (check it with mysqlbinlog --verify-binlog-checksum);"
                        + " restart this destination from a position after it, or from a replica with an intact copy."
                : "Check the event with mysqlbinlog at that position; restart this destination from a position after"
                        + " it once the rows it holds are accounted for.";
    }
}
