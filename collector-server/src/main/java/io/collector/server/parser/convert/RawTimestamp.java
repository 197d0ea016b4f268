package io.collector.server.parser.convert;

import java.io.Serializable;

/**
 * A TIMESTAMP value as stored: seconds since the epoch (UTC) and a fraction. An epoch second of 0 is MySQL's
 * zero timestamp {@code 0000-00-00 00:00:00}.
 *
 * @param epochSecond unsigned seconds since 1970-01-01T00:00:00Z
 * @param micros      fraction of a second in microseconds, 0..999999
 */
public record RawTimestamp(long epochSecond, int micros) implements Serializable {
}
