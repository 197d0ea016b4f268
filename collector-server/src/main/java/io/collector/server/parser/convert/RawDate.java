package io.collector.server.parser.convert;

import java.io.Serializable;

/**
 * A DATE value as stored, zero and partial-zero dates included ({@code 0000-00-00}, {@code 2024-00-00}).
 *
 * @param year  0..9999
 * @param month 0..12
 * @param day   0..31
 */
public record RawDate(int year, int month, int day) implements Serializable {
}
