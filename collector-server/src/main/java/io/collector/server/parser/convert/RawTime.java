package io.collector.server.parser.convert;

import java.io.Serializable;

/**
 * A TIME value as stored: a signed duration that may exceed 24 hours ({@code -838:59:59} .. {@code 838:59:59}).
 *
 * @param negative whether the value is below zero (also for {@code -00:00:00.5})
 * @param hours    absolute hours, 0..838 (1023 at most in the binary format)
 * @param minutes  0..59
 * @param seconds  0..59
 * @param micros   absolute fraction of a second in microseconds
 */
public record RawTime(boolean negative, int hours, int minutes, int seconds, int micros) implements Serializable {
}
