package io.collector.server.parser.convert;

import java.io.Serializable;

/**
 * A DATETIME value as stored, without any time zone conversion; zero and partial-zero values are kept.
 *
 * @param micros fraction of a second in microseconds, 0..999999
 */
public record RawDateTime(int year, int month, int day, int hour, int minute, int second, int micros)
        implements Serializable {
}
